"""The duplicate-delivery store: first claim wins, across threads, processes and restarts; ids expire."""

import multiprocessing
import threading

from evalbot.slack.dedupe import SeenEvents


def test_first_time_then_repeat(tmp_path):
    seen = SeenEvents(path=tmp_path / "seen.db")
    assert seen.first_time("Ev1") is True
    assert seen.first_time("Ev1") is False
    assert seen.first_time("Ev2") is True


def test_survives_a_restart(tmp_path):
    SeenEvents(path=tmp_path / "seen.db").first_time("Ev1")
    assert SeenEvents(path=tmp_path / "seen.db").first_time("Ev1") is False


def test_ids_expire_after_the_ttl(tmp_path):
    now = [1000.0]
    seen = SeenEvents(path=tmp_path / "seen.db", ttl_seconds=60, clock=lambda: now[0])
    assert seen.first_time("Ev1")
    now[0] += 59
    assert not seen.first_time("Ev1")
    now[0] += 2
    assert seen.first_time("Ev1")


def test_exactly_one_thread_claims_an_id(tmp_path):
    seen = SeenEvents(path=tmp_path / "seen.db")
    wins = []
    barrier = threading.Barrier(8)

    def claim():
        barrier.wait()
        wins.append(seen.first_time("EvRace"))

    threads = [threading.Thread(target=claim) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(wins) == [False] * 7 + [True]


def _claim_in_process(path, event_ids, results):
    seen = SeenEvents(path=path)
    results.put([seen.first_time(e) for e in event_ids])


def test_exactly_one_process_claims_each_id(tmp_path):
    path = tmp_path / "seen.db"
    SeenEvents(path=path)
    ids = [f"Ev{i}" for i in range(50)]
    results = multiprocessing.get_context("fork").Queue()
    procs = [
        multiprocessing.get_context("fork").Process(target=_claim_in_process, args=(path, ids, results))
        for _ in range(3)
    ]
    for p in procs:
        p.start()
    outcomes = [results.get(timeout=20) for _ in procs]
    for p in procs:
        p.join(10)
    assert [sum(column) for column in zip(*outcomes, strict=True)] == [1] * len(ids)


def test_an_unusable_store_answers_rather_than_drops(tmp_path):
    seen = SeenEvents(path=tmp_path / "seen.db")
    (tmp_path / "seen.db").unlink()
    seen.close()  # the next claim reconnects, to a fresh file without the table
    assert seen.first_time("Ev1") is True
