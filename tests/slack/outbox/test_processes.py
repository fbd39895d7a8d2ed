"""No acknowledged answer lost, with real processes: `evalbot serve --http` (gunicorn, 2 workers) stopped
with SIGTERM, a worker killed with SIGKILL, a SQLite file deleted under it, two servers sharing PostgreSQL."""

import json
import os
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from slack_fakes import event_callback, mention
from sqlalchemy import create_engine, text
from test_serve_e2e import Server


def mentions(count: int, *, channels: int = 1, tag: str = "Ev") -> list[tuple[str, str]]:
    """(event id, body) for `count` mentions spread over `channels` channels, each in its own thread."""
    return [(f"{tag}{n}", event_callback(mention("budget", channel=f"C0BURST{n % channels}", ts=f"1700001{n:03d}.1"),
                                         event_id=f"{tag}{n}"))
            for n in range(count)]


def answered_threads(fake) -> list[str]:
    return [post["thread_ts"] for post in fake.posted()]


def wait_until(check, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return check()


def test_sigterm_leaves_unsent_answers_for_the_next_start_which_sends_them(tmp_path, fake):
    fake.delay("chat.postMessage", 2.0)
    server = Server(tmp_path, fake.url, name="first")
    burst = mentions(100, channels=5)
    assert [server.post(body)[0] for _, body in burst] == [200] * 100
    assert server.stop() == 0
    logs = server.logs()
    left = [json.loads(line)["pending"] for line in logs.splitlines() if '"pending"' in line]
    sent_before = len(fake.posted())
    assert left and left[-1] > 0 and sent_before < 100, logs[-2000:]
    assert "answers left in the outbox for the next start" in logs

    fake.delay("chat.postMessage", 0)
    restarted = Server(tmp_path, fake.url, name="second")
    try:
        assert wait_until(lambda: len(fake.posted()) >= 100, timeout=30)
        time.sleep(0.5)
        assert sorted(answered_threads(fake)) == sorted(f"1700001{n:03d}.1" for n in range(100))
    finally:
        assert restarted.stop() == 0


def test_a_worker_killed_during_a_burst_loses_no_acknowledged_answer(tmp_path, fake):
    server = Server(tmp_path, fake.url)
    try:
        burst = mentions(80, channels=8)
        acked: list[str] = []
        refused: list[tuple[str, str]] = []
        lock = threading.Lock()

        def send(item):
            event_id, body = item
            try:
                status = server.post(body)[0]
            except OSError:  # the worker died holding this request: not acknowledged
                status = None
            with lock:
                (acked.append(event_id) if status == 200 else refused.append(item))

        victim = server.workers()[0]
        with ThreadPoolExecutor(8) as pool:
            futures = [pool.submit(send, item) for item in burst]
            while len(acked) < 20:
                time.sleep(0.001)
            os.kill(victim, signal.SIGKILL)
        for future in futures:
            future.result()
        for event_id, body in refused:  # Slack retries what was not acknowledged
            assert server.post(body, headers={"x-slack-retry-num": "1", "x-slack-retry-reason": "http_error"})[0] \
                == 200
        # An answer the killed worker was posting comes back after its lease (30 s).
        assert wait_until(lambda: len(set(answered_threads(fake))) >= 80, timeout=45), server.logs()[-3000:]
        threads = answered_threads(fake)
        assert sorted(set(threads)) == sorted(f"1700001{n:03d}.1" for n in range(80))
        reclaimed = sum(json.loads(line).get("reclaimed", 0) for line in server.logs().splitlines()
                        if '"reclaimed"' in line)
        assert len(threads) - len(set(threads)) <= reclaimed  # a double post only where it was logged
    finally:
        assert server.stop() == 0


def test_a_deleted_sqlite_file_is_recreated_and_retries_are_answered_once(tmp_path, fake):
    server = Server(tmp_path, fake.url)
    try:
        assert server.post(mentions(1, tag="EvBefore")[0][1])[0] == 200
        assert fake.wait_posted(1)
        for suffix in ("", "-wal", "-shm"):
            (tmp_path / "data" / f"evalbot.sqlite3{suffix}").unlink(missing_ok=True)
        os.kill(server.workers()[0], signal.SIGKILL)  # a worker respawned after the file went
        time.sleep(1.0)
        fake.reset()
        burst = mentions(10, tag="EvAfter")
        for _, body in burst:
            assert server.post(body)[0] == 200
            for retry in (1, 2):
                assert server.post(body, headers={"x-slack-retry-num": str(retry)})[0] == 200
        assert wait_until(lambda: len(fake.posted()) >= 10, timeout=10)
        time.sleep(1.0)
        assert sorted(answered_threads(fake)) == sorted(f"1700001{n:03d}.1" for n in range(10))
        assert (tmp_path / "data" / "evalbot.sqlite3").is_file()
        assert server.get("/ready")[0] == 200
    finally:
        assert server.stop() == 0


def test_two_servers_sharing_postgresql_answer_each_delivery_once(tmp_path, fake, postgres_url):
    env = {"EVALBOT_DATABASE_URL": postgres_url}
    first, second = Server(tmp_path, fake.url, name="a", **env), Server(tmp_path, fake.url, name="b", **env)
    try:
        burst = mentions(30, channels=3)
        with ThreadPoolExecutor(8) as pool:  # every delivery reaches both hosts at about the same time
            statuses = list(pool.map(lambda job: job[0].post(job[1])[0],
                                     [(server, body) for _, body in burst for server in (first, second)]))
        assert statuses == [200] * 60
        assert wait_until(lambda: len(fake.posted()) >= 30, timeout=15)
        time.sleep(1.0)
        assert sorted(answered_threads(fake)) == sorted(f"1700001{n:03d}.1" for n in range(30))
        assert first.get("/ready")[0] == second.get("/ready")[0] == 200
    finally:
        assert first.stop() == 0 and second.stop() == 0


def test_ready_follows_the_database_and_the_server_reconnects(tmp_path, fake, postgres_url):
    server = Server(tmp_path, fake.url, EVALBOT_DATABASE_URL=postgres_url)
    name = postgres_url.rsplit("/", 1)[1]
    admin = create_engine(postgres_url.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false'))
            connection.execute(text(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"))
        assert server.get("/ready")[0] == 503 and server.get("/health")[0] == 200
        assert server.post(mentions(1, tag="EvDown")[0][1])[0] == 503  # refused, so Slack retries it
        with admin.connect() as connection:
            connection.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
        assert wait_until(lambda: server.get("/ready")[0] == 200, timeout=10)
        assert server.post(mentions(1, tag="EvDown")[0][1], headers={"x-slack-retry-num": "1"})[0] == 200
        assert len(fake.wait_posted(1)) == 1
    finally:
        admin.dispose()
        assert server.stop() == 0


@pytest.fixture()
def fake(fake_slack_server):
    fake_slack_server.reset()
    return fake_slack_server
