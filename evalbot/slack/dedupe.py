"""Which Events API deliveries were already handled: SQLite, shared by workers, kept across restarts.

Slack retries a delivery (same `event_id`, header `X-Slack-Retry-Num`) when it thinks
the first one failed, and a retry can land on another worker process, or on a
worker that has restarted. Every process opens the same SQLite file in WAL mode,
so claiming an id is one atomic statement and the first claim wins everywhere.
Ids expire after `ttl_seconds` (Slack retries for well under an hour).
"""

import logging
import os
import sqlite3
import threading
import time
import weakref
from collections.abc import Callable
from functools import partial
from pathlib import Path

log = logging.getLogger(__name__)

DEFAULT_TTL_SECONDS = 3600.0
_PURGE_EVERY = 500  # claims between sweeps of expired ids
_BUSY_TIMEOUT = 5.0  # seconds to wait for another writer (or this process's other threads)
# WITHOUT ROWID: the id is the table's own key, so a claim writes one b-tree page, not a table page and an index page.
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS seen_events (event_id TEXT PRIMARY KEY, expires_at REAL NOT NULL) WITHOUT ROWID"
)
# Insert, or take over an expired row; `changes()` is 1 exactly when this caller claimed the id.
_CLAIM = (
    "INSERT INTO seen_events (event_id, expires_at) VALUES (?, ?) "
    "ON CONFLICT(event_id) DO UPDATE SET expires_at = excluded.expires_at WHERE seen_events.expires_at <= ?"
)


class SeenEvents:
    """A TTL set of event ids in one SQLite file.

    Args:
        path: the database file; its folder is created.
        ttl_seconds: how long an id is remembered.
        clock: wall-clock seconds (shared by processes, so not monotonic); tests pass a fake.
    """

    def __init__(self, *, path: Path, ttl_seconds: float = DEFAULT_TTL_SECONDS, clock: Callable[[], float] = time.time):
        self.path = Path(path)
        self.ttl_seconds = ttl_seconds
        self._clock = clock
        # One connection per process, its claims taken in turn. A connection per thread costs
        # several times more CPU a claim under load: each sees every other's write as a change.
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._claims = 0
        os.register_at_fork(after_in_child=partial(_after_fork, weakref.ref(self)))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # A throwaway connection: none may be open when a server forks its workers.
        with sqlite3.connect(self.path, timeout=_BUSY_TIMEOUT, isolation_level=None) as setup:
            setup.execute("PRAGMA journal_mode=WAL")
            setup.execute(_SCHEMA)
        setup.close()

    def _connect(self) -> sqlite3.Connection:
        """This process's connection (SQLite connections must not cross a fork); call holding `_lock`.

        A forked child starts with none (`_after_fork`), so no pid check is needed on every claim.
        """
        conn = self._conn
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=_BUSY_TIMEOUT, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA synchronous=NORMAL")
            self._conn = conn
        return conn

    def first_time(self, event_id: str) -> bool:
        """Claim `event_id`: True for its first delivery, False for a repeat within the TTL.

        If the store cannot be used, the delivery is answered (True) and the fault logged:
        a rare double answer beats silently dropping a question.
        """
        if not self._lock.acquire(timeout=_BUSY_TIMEOUT):
            log.error("duplicate-delivery store busy; answering", extra={"event_id": event_id})
            return True
        try:
            now = self._clock()
            conn = self._connect()
            claimed = conn.execute(_CLAIM, (event_id, now + self.ttl_seconds, now)).rowcount == 1
            self._claims += 1
            if self._claims % _PURGE_EVERY == 0:
                conn.execute("DELETE FROM seen_events WHERE expires_at <= ?", (now,))
            return claimed
        except sqlite3.Error:
            log.exception("duplicate-delivery store unavailable; answering", extra={"event_id": event_id})
            return True
        finally:
            self._lock.release()

    def close(self) -> None:
        """Close this process's connection (the next claim opens a new one)."""
        with self._lock:
            if self._conn is not None:  # never the parent's: a fork drops it (`_after_fork`)
                self._conn.close()
            self._conn = None


def _after_fork(ref: "weakref.ref[SeenEvents]") -> None:
    """In a forked child: a fresh lock (another thread may have held the parent's) and no connection."""
    seen = ref()
    if seen is not None:
        seen._lock, seen._conn = threading.Lock(), None
