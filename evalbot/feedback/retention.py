"""How long questions and votes are kept (EVALBOT_RETENTION_DAYS), and forgetting one person."""

import contextlib
import logging
import threading
import time
from collections.abc import Callable

from sqlalchemy import Connection, Engine, delete

from evalbot.store.schema import questions, votes

log = logging.getLogger(__name__)
DAY = 86_400.0
# Purge at most this often per process: the sweep is one indexed DELETE per table.
PURGE_EVERY_SECONDS = 3600.0


class Retention:
    """Deletes questions and votes older than `days`.

    Args:
        engine: the state store's engine.
        days: how many days to keep.
        clock: UNIX seconds.
    """

    def __init__(self, *, engine: Engine, days: int, clock: Callable[[], float] = time.time):
        self.engine, self.days, self._clock = engine, days, clock
        self._next_purge = 0.0
        self._lock = threading.Lock()

    def purge(self, *, connection: Connection | None = None) -> dict[str, int]:
        """Delete everything past retention now (in the caller's transaction, if given); how many rows per table."""
        cutoff = self._clock() - self.days * DAY
        with contextlib.nullcontext(connection) if connection is not None else self.engine.begin() as connection:
            counts = {
                "questions": connection.execute(delete(questions).where(questions.c.asked_at < cutoff)).rowcount,
                "votes": connection.execute(delete(votes).where(votes.c.voted_at < cutoff)).rowcount,
            }
        if any(counts.values()):
            log.info("retention purge", extra={"retention_days": self.days, **counts})
        return counts

    def maybe_purge(self, *, connection: Connection | None = None) -> None:
        """Purge if this process has not done so within the last hour."""
        now = self._clock()
        with self._lock:
            if now < self._next_purge:
                return
            self._next_purge = now + PURGE_EVERY_SECONDS
        self.purge(connection=connection)


def forget_user(engine: Engine, *, user_hash: str) -> dict[str, int]:
    """Delete every question and vote of one person; how many rows per table."""
    with engine.begin() as connection:
        return {
            "questions": connection.execute(delete(questions).where(questions.c.user_hash == user_hash)).rowcount,
            "votes": connection.execute(delete(votes).where(votes.c.user_hash == user_hash)).rowcount,
        }
