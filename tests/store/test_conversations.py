"""Conversation state: saved, loaded, expired and kept apart per key, in memory and in the database."""

import pytest

from evalbot.conversation.store import MemoryConversations
from evalbot.store.conversations import SqlConversations
from evalbot.store.engine import build_engine
from evalbot.store.migrate import upgrade


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(params=["memory", "sqlite", "postgresql"])
def store_and_clock(request, tmp_path):
    """Each implementation of `ConversationStore`, with a clock the test moves."""
    clock = Clock()
    if request.param == "memory":
        yield MemoryConversations(ttl_seconds=60, clock=clock), clock
        return
    url = (f"sqlite+pysqlite:///{tmp_path / 's.sqlite3'}" if request.param == "sqlite"
           else request.getfixturevalue("postgres_url"))
    engine = build_engine(url)
    upgrade(engine)
    yield SqlConversations(engine=engine, ttl_seconds=60, clock=clock), clock
    engine.dispose()


def test_round_trip_and_replace(store_and_clock):
    """What is saved comes back equal; a second save replaces it."""
    store, _ = store_and_clock
    assert store.load("slack:T1:D1") is None
    store.save("slack:T1:D1", {"pending": {"calculator": "roi", "known": {"cost": "2M"}}})
    assert store.load("slack:T1:D1") == {"pending": {"calculator": "roi", "known": {"cost": "2M"}}}
    store.save("slack:T1:D1", {"last_intent": "equity-negotiation"})
    assert store.load("slack:T1:D1") == {"last_intent": "equity-negotiation"}


def test_keys_never_share_state(store_and_clock):
    """Another conversation (another DM, thread or person) sees nothing of this one."""
    store, _ = store_and_clock
    store.save("slack:T1:C1:111.1", {"last_intent": "roi"})
    assert store.load("slack:T1:C1:222.2") is None
    assert store.load("slack:T2:C1:111.1") is None


def test_state_expires_after_the_ttl_and_saving_restarts_it(store_and_clock):
    """State lives ttl seconds after its last save."""
    store, clock = store_and_clock
    store.save("k", {"n": 1})
    clock.now += 59
    store.save("k", {"n": 2})
    clock.now += 59
    assert store.load("k") == {"n": 2}
    clock.now += 2
    assert store.load("k") is None


def test_forget(store_and_clock):
    """Forgetting a key drops its state and nothing else."""
    store, _ = store_and_clock
    store.save("a", {"x": 1})
    store.save("b", {"x": 2})
    store.forget("a")
    assert store.load("a") is None and store.load("b") == {"x": 2}


def test_loaded_state_is_a_copy(store_and_clock):
    """Changing what load() returned does not change what is stored."""
    store, _ = store_and_clock
    store.save("k", {"items": [1]})
    store.load("k")["items"].append(2)
    assert store.load("k") == {"items": [1]}


def test_memory_store_is_bounded():
    """Past max_keys the least recently used conversation goes first."""
    store = MemoryConversations(max_keys=2)
    store.save("a", {})
    store.save("b", {})
    store.load("a")
    store.save("c", {})
    assert store.load("b") is None and store.load("a") == {} and store.load("c") == {}


def test_sql_purge_expired(tmp_path):
    """purge_expired deletes only expired rows and says how many."""
    clock = Clock()
    engine = build_engine(f"sqlite+pysqlite:///{tmp_path / 's.sqlite3'}")
    upgrade(engine)
    store = SqlConversations(engine=engine, ttl_seconds=10, clock=clock)
    store.save("old", {})
    clock.now += 5
    store.save("new", {})
    clock.now += 6
    assert store.purge_expired() == 1
    assert store.load("new") == {}


def _migrated_engine(request, tmp_path, backend: str):
    url = (f"sqlite+pysqlite:///{tmp_path / 's.sqlite3'}" if backend == "sqlite"
           else request.getfixturevalue("postgres_url"))
    engine = build_engine(url)
    upgrade(engine)
    return engine


class Rollback(Exception):
    pass


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_joined_writes_belong_to_the_callers_transaction(request, tmp_path, backend):
    """Saved through `joined(connection)`: visible inside that transaction, gone when it rolls back."""
    engine = _migrated_engine(request, tmp_path, backend)
    store = SqlConversations(engine=engine)
    with pytest.raises(Rollback), engine.begin() as connection:
        joined = store.joined(connection)
        joined.save("slack:T1:D1", {"last_intent": "equity-negotiation"})
        assert joined.load("slack:T1:D1") == {"last_intent": "equity-negotiation"}
        raise Rollback
    assert store.load("slack:T1:D1") is None
    with engine.begin() as connection:
        store.joined(connection).save("slack:T1:D1", {"last_intent": "board-pitch"})
    assert store.load("slack:T1:D1") == {"last_intent": "board-pitch"}
    engine.dispose()


def test_memory_conversations_joined_is_itself():
    memory = MemoryConversations()
    assert memory.joined(object()) is memory


def test_on_postgresql_a_turn_waits_for_the_one_in_flight_and_reads_what_it_said(postgres_url):
    """Two turns of one conversation at once: the second reads inside its transaction only after the first commits."""
    import threading
    import time

    engine = build_engine(postgres_url)
    upgrade(engine)
    store = SqlConversations(engine=engine)
    first_read = threading.Event()
    seen: list = []

    def first_turn() -> None:
        with engine.begin() as connection:
            joined = store.joined(connection)
            seen.append(("first", joined.load("slack:T1:D1:top:U1")))
            first_read.set()
            time.sleep(0.3)
            joined.save("slack:T1:D1:top:U1", {"n": 1})

    def second_turn() -> None:
        first_read.wait()
        with engine.begin() as connection:
            joined = store.joined(connection)
            state = joined.load("slack:T1:D1:top:U1")
            seen.append(("second", state))
            joined.save("slack:T1:D1:top:U1", {"n": (state or {"n": 0})["n"] + 1})

    threads = [threading.Thread(target=first_turn), threading.Thread(target=second_turn)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == [("first", None), ("second", {"n": 1})]
    assert store.load("slack:T1:D1:top:U1") == {"n": 2}
    engine.dispose()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_save_racing_a_save_of_the_same_new_key_never_fails(request, tmp_path, backend):
    """Ten first saves of one key at once (no lock taken): all succeed, one row remains."""
    import threading

    engine = _migrated_engine(request, tmp_path, backend)
    store = SqlConversations(engine=engine)
    start, failures = threading.Barrier(10), []

    def save(n: int) -> None:
        start.wait()
        try:
            store.save("slack:T1:D9:top:U1", {"n": n})
        except Exception as e:  # noqa: BLE001 - collected: the assertion names it
            failures.append(repr(e))

    threads = [threading.Thread(target=save, args=(n,)) for n in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == [] and store.load("slack:T1:D9:top:U1")["n"] in range(10)
    engine.dispose()
