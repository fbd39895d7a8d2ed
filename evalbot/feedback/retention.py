"""How long questions, votes and Ask-a-person hand-offs are kept (EVALBOT_RETENTION_DAYS); expired conversations
and OAuth states go too."""

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, delete

from evalbot.store.schema import conversations, expert_answers, handoffs, questions, slack_oauth_states, votes

log = logging.getLogger(__name__)
DAY = 86_400.0
# Purge at most this often per process: the sweep is one indexed DELETE per table.
PURGE_EVERY_SECONDS = 3600.0


class Retention:
    """Deletes questions and votes older than `days`, and conversations and OAuth states past their expiry.

    Expired conversations are never read again, and an OAuth state is made for every visit
    to the install page, answered or not: both would otherwise pile up for ever.

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
        now = self._clock()
        cutoff = now - self.days * DAY
        with contextlib.nullcontext(connection) if connection is not None else self.engine.begin() as connection:
            counts = {
                "questions": connection.execute(delete(questions).where(questions.c.asked_at < cutoff)).rowcount,
                "votes": connection.execute(delete(votes).where(votes.c.voted_at < cutoff)).rowcount,
                "expert_answers": connection.execute(
                    delete(expert_answers).where(expert_answers.c.answered_at < cutoff)).rowcount,
                "handoffs": connection.execute(delete(handoffs).where(handoffs.c.asked_at < cutoff)).rowcount,
                **self._expired(connection, now),
            }
        if any(counts.values()):
            log.info("retention purge", extra={"retention_days": self.days, **counts})
        return counts

    def purge_expired(self) -> dict[str, int]:
        """Delete only conversations and OAuth states past their expiry (cheap: run every few seconds)."""
        with self.engine.begin() as connection:
            counts = self._expired(connection, self._clock())
        if any(counts.values()):
            log.info("expired rows purged", extra=counts)
        return counts

    @staticmethod
    def _expired(connection: Connection, now: float) -> dict[str, int]:
        # slack_sdk keeps a state's expiry as a naive UTC datetime.
        states_expired = datetime.fromtimestamp(now, UTC).replace(tzinfo=None)
        return {
            "conversations": connection.execute(delete(conversations).where(conversations.c.expires_at <= now)).rowcount,
            "oauth_states": connection.execute(
                delete(slack_oauth_states).where(slack_oauth_states.c.expire_at < states_expired)).rowcount,
        }

    def maybe_purge(self, *, connection: Connection | None = None) -> None:
        """Purge if this process has not done so within the last hour."""
        now = self._clock()
        with self._lock:
            if now < self._next_purge:
                return
            self._next_purge = now + PURGE_EVERY_SECONDS
        self.purge(connection=connection)

