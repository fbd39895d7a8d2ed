"""End to end: `evalbot serve --http` in a subprocess (gunicorn, 2 workers) against the fake Web API, over loopback."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from slack_fakes import SECRET, TOKEN, TOKEN_KEY, direct_message, event_callback, mention, signed_headers, slash_command

EVALBOT = [sys.executable, "-m", "evalbot"]
FORM = "application/x-www-form-urlencoded"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def clean_env(tmp: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "EVALBOT_", "PORT"))}
    return {**env, "EVALBOT_DATA_DIR": str(tmp / "data"), "LOG_LEVEL": "INFO", **extra}


class Server:
    """`evalbot serve --http` in a subprocess, logging to `tmp/NAME.log`; `extra_env` adds to its environment."""

    def __init__(self, tmp: Path, fake_url: str, *, name: str = "serve", argv: list[str] | None = None,
                 **extra_env: str):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = open(tmp / f"{name}.log", "w+")
        slack = {"SLACK_BOT_TOKEN": TOKEN, "SLACK_SIGNING_SECRET": SECRET, "SLACK_API_URL": fake_url}
        env = clean_env(tmp, **{**slack, "PORT": str(self.port), **extra_env})
        self.proc = subprocess.Popen(
            argv or [*EVALBOT, "serve", "--http", "--port", str(self.port)],
            cwd=tmp,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=self.log,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                if self.get("/health")[0] == 200:
                    return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("server did not start: " + self.logs())

    def get(self, path: str):
        try:
            with urllib.request.urlopen(self.base + path, timeout=5) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()

    def workers(self) -> list[int]:
        """The pids of gunicorn's worker processes (the server's children)."""
        children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text().split()
        return [int(pid) for pid in children]

    def post(
        self,
        body: str | bytes,
        *,
        content_type: str = "application/json",
        headers: dict | None = None,
        signed: bool = True,
    ):
        data = body.encode() if isinstance(body, str) else body
        all_headers = (
            signed_headers(body, content_type=content_type, extra=headers)
            if signed
            else {"content-type": content_type, **(headers or {})}
        )
        request = urllib.request.Request(self.base + "/slack/events", data=data, headers=all_headers, method="POST")
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read().decode(), time.perf_counter() - started
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode(), time.perf_counter() - started

    def post_declaring(self, length: int) -> int:
        """Announce a body of `length` bytes, send its first kilobyte, and return the status answered.

        A server that refuses a large body before reading it may close the connection while
        the rest is still being sent, so the client sends no more than it needs to be answered.
        """
        head = "POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        with socket.create_connection(("127.0.0.1", self.port), timeout=10) as sock:
            sock.sendall(f"{head}Content-Length: {length}\r\n\r\n".encode() + b"x" * 1024)
            status_line = sock.makefile("rb").readline()
        return int(status_line.split()[1])

    def logs(self) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout=30)


@pytest.fixture(scope="module")
def server(tmp_path_factory, fake_slack_server):
    srv = Server(tmp_path_factory.mktemp("serve"), fake_slack_server.url)
    yield srv
    assert srv.stop() == 0


@pytest.fixture()
def fake(fake_slack_server):
    fake_slack_server.reset()
    return fake_slack_server


def test_health(server):
    status, body = server.get("/health")
    assert status == 200 and json.loads(body) == {"status": "ok"}


def test_ready_when_the_store_answers(server):
    status, body = server.get("/ready")
    assert status == 200 and json.loads(body) == {"status": "ready", "database": "reachable"}


def test_url_verification(server):
    status, body, _ = server.post(json.dumps({"token": "t", "challenge": "c-123", "type": "url_verification"}))
    assert status == 200 and json.loads(body)["challenge"] == "c-123"


def test_bad_stale_and_unsigned_requests_get_401(server):
    body = event_callback(mention("budget"))
    assert server.post(body, signed=False)[0] == 401
    assert server.post(body, headers={"x-slack-signature": "v0=deadbeef"})[0] == 401
    stale = signed_headers(body, timestamp=int(time.time()) - 600)
    assert server.post(body, signed=False, headers=stale)[0] == 401


def test_slash_commands_answer_fast_with_the_guides_figures(server, fake):
    status, body, elapsed = server.post(slash_command("roi cost=2M incidents=10 incident_cost=1M"), content_type=FORM)
    answer = json.loads(body)
    assert status == 200 and elapsed < 3 and answer["response_type"] == "ephemeral"
    assert "5.0x" in json.dumps(answer["blocks"]) and answer["text"]
    status, body, _ = server.post(slash_command("roi cost=1.5M benefit=10M"), content_type=FORM)
    assert "6.7x" in body
    status, body, _ = server.post(slash_command("roi cost=lots"), content_type=FORM)
    assert status == 200 and "cost" in json.loads(body)["text"]
    for text in (
        "help",
        "topics",
        "checklist negotiation",
        "template board-pitch cost=1.5M benefit=10M",
        "how do I pitch the eval budget to the board?",
    ):
        status, body, elapsed = server.post(slash_command(text), content_type=FORM)
        assert status == 200 and elapsed < 3 and json.loads(body)["blocks"]


def test_mention_answered_in_thread_and_dm_in_place(server, fake):
    assert server.post(event_callback(mention("equity", ts="1700000100.000100"), event_id="EvE2E1"))[0] == 200
    [post] = fake.wait_for("chat.postMessage")
    assert post["thread_ts"] == "1700000100.000100" and post["channel"] == "C0CHAN01"
    assert server.post(event_callback(direct_message("budget"), event_id="EvE2E2"))[0] == 200
    posts = fake.wait_for("chat.postMessage", count=2)
    assert posts[1]["channel"] == "D0DM0001"


def test_bots_edits_and_deletions_are_ignored(server, fake):
    for n, event in enumerate(
        [
            direct_message("hi", bot_id="B0OTHER", subtype="bot_message"),
            {
                "type": "message",
                "subtype": "message_changed",
                "channel": "D0DM0001",
                "channel_type": "im",
                "hidden": True,
                "message": {"user": "U0USER01", "text": "edited"},
                "ts": "1700000200.1",
            },
            {
                "type": "message",
                "subtype": "message_deleted",
                "channel": "D0DM0001",
                "channel_type": "im",
                "hidden": True,
                "deleted_ts": "1700000100.1",
                "ts": "1700000200.2",
            },
        ]
    ):
        assert server.post(event_callback(event, event_id=f"EvIgnored{n}"))[0] == 200
    assert fake.wait_for("chat.postMessage", timeout=1.0) == []


def test_a_retry_is_answered_once_whichever_worker_gets_it(server, fake):
    body = event_callback(mention("budget"), event_id="EvE2ERetry")
    server.post(body)
    for attempt in (1, 2, 3):
        server.post(body, headers={"x-slack-retry-num": str(attempt), "x-slack-retry-reason": "http_timeout"})
    assert len(fake.wait_for("chat.postMessage", count=2, timeout=1.5)) == 1


def test_app_home_is_published(server, fake):
    event = {"type": "app_home_opened", "user": "U0USER01", "channel": "D0DM0001", "tab": "home", "event_ts": "1.2"}
    server.post(event_callback(event, event_id="EvE2EHome"))
    [publish] = fake.wait_for("views.publish")
    assert publish["user_id"] == "U0USER01" and publish["view"]["type"] == "home"


def test_channel_pings_never_echoed(server, fake):
    status, body, _ = server.post(slash_command("<!channel> <!here> budget"), content_type=FORM)
    assert "<!channel>" not in body and "<!here>" not in body
    server.post(event_callback(mention("<!channel> board pitch"), event_id="EvE2EPing"))
    [post] = fake.wait_for("chat.postMessage")
    assert "<!channel>" not in json.dumps(post)


def test_malformed_and_oversized_bodies_are_refused_and_the_server_carries_on(server):
    assert server.post("{not json")[0] == 400
    assert server.post("payload=%7Bbroken", content_type=FORM)[0] == 400
    assert server.post_declaring(2 * 1024 * 1024) == 413
    assert server.get("/health")[0] == 200


def test_sigterm_drains_the_reply_in_flight(tmp_path, fake):
    srv = Server(tmp_path, fake.url)
    fake.delay("chat.postMessage", 1.5)
    assert srv.post(event_callback(mention("budget"), event_id="EvDrain"))[0] == 200
    time.sleep(0.1)
    assert srv.stop() == 0
    assert len(fake.calls_to("chat.postMessage")) == 1
    assert "drained" in srv.logs()


@pytest.mark.parametrize(
    "env,needs",
    [
        ({}, ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"]),
        ({"SLACK_BOT_TOKEN": TOKEN}, ["SLACK_SIGNING_SECRET"]),
        ({"SLACK_BOT_TOKEN": "xapp-1-oops", "SLACK_SIGNING_SECRET": SECRET}, ["SLACK_BOT_TOKEN"]),
        ({"SLACK_CLIENT_ID": "111.222", "SLACK_SIGNING_SECRET": SECRET}, ["SLACK_BOT_TOKEN", "SLACK_CLIENT_SECRET"]),
        ({"SLACK_CLIENT_ID": "111.222", "SLACK_CLIENT_SECRET": "s3cr3t-client", "EVALBOT_TOKEN_KEY": TOKEN_KEY},
         ["SLACK_SIGNING_SECRET"]),
        ({"SLACK_CLIENT_ID": "111.222", "SLACK_CLIENT_SECRET": "s3cr3t-client", "SLACK_SIGNING_SECRET": SECRET},
         ["EVALBOT_TOKEN_KEY", "Fernet.generate_key()"]),
        ({"SLACK_CLIENT_ID": "111.222", "SLACK_CLIENT_SECRET": "s3cr3t-client", "SLACK_SIGNING_SECRET": SECRET,
          "EVALBOT_TOKEN_KEY": " , "}, ["EVALBOT_TOKEN_KEY holds no key"]),
    ],
    ids=["nothing", "no-signing-secret", "app-token-as-bot-token", "client-id-alone", "oauth-without-signing-secret",
         "oauth-without-token-key", "token-key-of-commas"],
)
def test_missing_or_invalid_http_config_exits_2_naming_the_variables(tmp_path, env, needs):
    result = subprocess.run(
        [*EVALBOT, "serve", "--http"],
        cwd=tmp_path,
        env=clean_env(tmp_path, **env),
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and all(name in lines[0] for name in needs)
    assert TOKEN not in result.stderr


def test_oauth_install_pages_are_served_without_a_bot_token(tmp_path, fake):
    """SLACK_CLIENT_ID and SLACK_CLIENT_SECRET instead of SLACK_BOT_TOKEN: the install page comes from gunicorn,
    with the state kept in the state store in EVALBOT_DATA_DIR."""
    srv = Server(tmp_path, fake.url, SLACK_BOT_TOKEN="", SLACK_CLIENT_ID="111.222", SLACK_CLIENT_SECRET="s3cr3t-client",
                 EVALBOT_TOKEN_KEY=TOKEN_KEY)
    try:
        with urllib.request.urlopen(srv.base + "/slack/install", timeout=5) as response:
            page, cookie = response.read().decode(), response.headers.get("Set-Cookie", "")
        assert "https://slack.com/oauth/v2/authorize?" in page and cookie.startswith("slack-app-oauth-state=")
    finally:
        assert srv.stop() == 0
    assert (tmp_path / "data" / "evalbot.sqlite3").is_file()


def test_socket_mode_serves_one_workspace_only(tmp_path):
    result = subprocess.run(
        [*EVALBOT, "serve"],
        cwd=tmp_path,
        env=clean_env(
            tmp_path,
            SLACK_BOT_TOKEN=TOKEN,
            SLACK_APP_TOKEN="xapp-1-A0-1-abc",
            SLACK_CLIENT_ID="111.222",
            SLACK_CLIENT_SECRET="s3cr3t-client",
        ),
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2 and "SLACK_CLIENT_ID" in result.stderr and "--http" in result.stderr


def test_socket_mode_needs_an_app_token(tmp_path):
    result = subprocess.run(
        [*EVALBOT, "serve"],
        cwd=tmp_path,
        env=clean_env(tmp_path, SLACK_BOT_TOKEN=TOKEN),
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2 and "SLACK_APP_TOKEN" in result.stderr


def test_a_rejected_token_exits_2(tmp_path, fake):
    fake.script("auth.test", (200, {}, {"ok": False, "error": "invalid_auth"}))
    env = clean_env(tmp_path, SLACK_BOT_TOKEN=TOKEN, SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=fake.url)
    result = subprocess.run(
        [*EVALBOT, "serve", "--http", "--port", str(free_port())],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2 and "SLACK_BOT_TOKEN" in result.stderr and "invalid_auth" in result.stderr


def _serve_exit(tmp_path, fake_url: str, **env: str) -> subprocess.CompletedProcess:
    settings = clean_env(tmp_path, SLACK_BOT_TOKEN=TOKEN, SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=fake_url, **env)
    return subprocess.run([*EVALBOT, "serve", "--http", "--port", str(free_port())], cwd=tmp_path, env=settings,
                          capture_output=True, text=True, timeout=60)


def test_a_corrupt_store_exits_2_naming_the_data_dir(tmp_path, fake):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "evalbot.sqlite3").write_bytes(b"this is not a database" * 200)
    result = _serve_exit(tmp_path, fake.url)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode == 2 and len(lines) == 1 and "EVALBOT_DATA_DIR" in lines[0], result.stderr
    assert "not a database" in lines[0]


@pytest.mark.parametrize("where", ["under-a-file", "unwritable"])
def test_a_data_dir_that_cannot_be_made_exits_2_blaming_the_data_dir_not_slack(tmp_path, fake, where):
    """A data dir under a regular file, or where no folder can be created (`/proc`, even for root)."""
    (tmp_path / "a-file").write_text("x")
    data_dir = tmp_path / "a-file" / "data" if where == "under-a-file" else "/proc/evalbot-data"
    result = _serve_exit(tmp_path, fake.url, EVALBOT_DATA_DIR=str(data_dir))
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode == 2 and len(lines) == 1, result.stderr
    assert "EVALBOT_DATA_DIR" in lines[0] and "SLACK_API_URL" not in lines[0]
    assert fake.calls_to("auth.test") == []  # Slack is not even asked


def test_an_unreachable_postgresql_exits_2_naming_the_database_url(tmp_path, fake):
    url = f"postgresql+psycopg://evalbot@127.0.0.1:{free_port()}/evalbot"
    result = _serve_exit(tmp_path, fake.url, EVALBOT_DATABASE_URL=url)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode == 2 and len(lines) == 1 and "EVALBOT_DATABASE_URL" in lines[0], result.stderr


@pytest.mark.parametrize("command", [["serve", "--http"], ["db", "upgrade"]])
def test_a_token_key_that_opens_no_stored_token_is_one_line_and_exit_2(tmp_path, command):
    """Tokens sealed with one key, the server started with another: one line naming EVALBOT_TOKEN_KEY, exit 2,
    and the stored tokens are left as they were."""
    from cryptography.fernet import Fernet
    from slack_sdk.oauth.installation_store import Installation
    from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore

    from evalbot.slack.transport.sealed_tokens import SealedInstallationStore, TokenCipher
    from evalbot.store import open_store
    from evalbot.store.schema import SLACK_BOTS, SLACK_INSTALLATIONS

    store = open_store(data_dir=tmp_path / "data")
    sealed = SealedInstallationStore(inner=SQLAlchemyInstallationStore(
        client_id="111.222", engine=store.engine, bots_table_name=SLACK_BOTS,
        installations_table_name=SLACK_INSTALLATIONS), cipher=TokenCipher(keys=TOKEN_KEY))
    sealed.save(Installation(app_id="A0", team_id="T0ALPHA1", user_id="U0ADMIN1", bot_token=TOKEN, bot_id="B0"))
    store.close()
    other = Fernet.generate_key().decode()
    result = subprocess.run(
        [*EVALBOT, *command], cwd=tmp_path, capture_output=True, text=True, timeout=60,
        env=clean_env(tmp_path, SLACK_CLIENT_ID="111.222", SLACK_CLIENT_SECRET="s3cr3t-client",
                      SLACK_SIGNING_SECRET=SECRET, EVALBOT_TOKEN_KEY=other, PORT=str(free_port())))
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2 and len(lines) == 1, result.stderr
    assert "EVALBOT_TOKEN_KEY does not open" in lines[0] and other not in result.stderr
    assert sealed.inner.find_bot(enterprise_id=None, team_id="T0ALPHA1").bot_token.startswith("gAAAAA")


def test_fifty_idle_clients_stop_neither_health_nor_deliveries(tmp_path, fake):
    """50 connections send their headers and one byte of body, then nothing: /health and a signed mention are
    still answered at once, and each idle client gets 408 and its connection closed within seconds."""
    srv = Server(tmp_path, fake.url, name="slow")
    idle = []
    try:
        head = ("POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                "Content-Length: 1000\r\n\r\n{")
        for _ in range(50):
            sock = socket.create_connection(("127.0.0.1", srv.port), timeout=10)
            sock.sendall(head.encode())
            idle.append(sock)
        time.sleep(0.3)  # every idle client now holds whatever it can
        with urllib.request.urlopen(srv.base + "/health", timeout=1.5) as response:
            assert response.status == 200
        status, _, _ = srv.post(event_callback(mention("budget", ts="1700009000.000100"), event_id="EvBesideIdle"))
        assert status == 200
        assert fake.wait_posted(1, timeout=5)
        for sock in idle:
            answer = sock.makefile("rb").read()  # until the server closes it
            assert answer.startswith(b"HTTP/1.1 408"), answer[:80]
    finally:
        for sock in idle:
            sock.close()
        assert srv.stop() == 0
