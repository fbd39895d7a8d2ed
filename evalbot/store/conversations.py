"""Conversation state by key, kept where several processes and hosts share it: the state store.

The interface and the in-memory store (console, stdin) live in `evalbot.conversation.store`,
which imports no database code, so the terminal starts without SQLAlchemy.
"""

import contextlib
import json
import time
from collections.abc import Callable

from sqlalchemy import Connection, Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from evalbot.conversation.store import DEFAULT_TTL_SECONDS
from evalbot.store.schema import conversations


class SqlConversations:
    """Conversation state in the state store, shared by every worker and host.

    Args:
        connection: a transaction to work in (see `joined`); by default each call has its own.
    """

    def __init__(self, *, engine: Engine, ttl_seconds: float = DEFAULT_TTL_SECONDS,
                 clock: Callable[[], float] = time.time, connection: Connection | None = None):
        self._engine, self._ttl, self._clock = engine, ttl_seconds, clock
        self._connection = connection

    def joined(self, connection: Connection) -> "SqlConversations":
        return SqlConversations(engine=self._engine, ttl_seconds=self._ttl, clock=self._clock, connection=connection)

    def _transaction(self):
        return contextlib.nullcontext(self._connection) if self._connection is not None else self._engine.begin()

    def load(self, key: str) -> dict | None:
        with self._transaction() as connection:
            row = connection.execute(
                select(conversations.c.state).where(conversations.c.key == key,
                                                    conversations.c.expires_at > self._clock())
            ).first()
        return None if row is None else json.loads(row.state)

    def save(self, key: str, state: dict) -> None:
        now = self._clock()
        values = {"state": json.dumps(state), "updated_at": now, "expires_at": now + self._ttl}
        try:
            with self._transaction() as connection:
                changed = connection.execute(update(conversations).where(conversations.c.key == key).values(**values))
                if changed.rowcount == 0:
                    connection.execute(insert(conversations).values(key=key, **values))
        except IntegrityError:  # another worker inserted the key between our update and insert
            if self._connection is not None:
                raise  # the caller's transaction is spoilt: it fails whole
            with self._engine.begin() as connection:
                connection.execute(update(conversations).where(conversations.c.key == key).values(**values))

    def forget(self, key: str) -> None:
        with self._transaction() as connection:
            connection.execute(delete(conversations).where(conversations.c.key == key))

    def purge_expired(self) -> int:
        """Delete expired conversations; how many."""
        with self._engine.begin() as connection:
            return connection.execute(delete(conversations).where(conversations.c.expires_at <= self._clock())).rowcount
