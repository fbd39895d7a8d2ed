"""Conversation state by key, kept where several processes and hosts share it: the state store.

The interface and the in-memory store (console, stdin) live in `evalbot.conversation.store`,
which imports no database code, so the terminal starts without SQLAlchemy.

Two deliveries of one conversation can be answered at the same moment (two DMs sent
together, on two workers or hosts). Saving is one `INSERT ... ON CONFLICT DO UPDATE`,
so neither fails on the other's new row; and on PostgreSQL, inside the transaction that
keeps an answer, reading takes a transaction-scoped advisory lock on the key, so the
second turn waits for the first and reads what it said. (SQLite already runs one
writing transaction at a time: the delivery's claim is written first.)
"""

import contextlib
import copy
import json
import time
from collections.abc import Callable

from sqlalchemy import Connection, Engine, delete, func, select

from evalbot.conversation.store import DEFAULT_TTL_SECONDS
from evalbot.store.schema import conversations
from evalbot.store.upsert import upsert


class SqlConversations:
    """Conversation state in the state store, shared by every worker and host.

    Args:
        connection: a transaction to work in (see `joined`); by default each call has its own.
    """

    def __init__(self, *, engine: Engine, ttl_seconds: float = DEFAULT_TTL_SECONDS,
                 clock: Callable[[], float] = time.time, connection: Connection | None = None):
        self._engine, self._ttl, self._clock = engine, ttl_seconds, clock
        self._connection = connection
        self._save = upsert(engine.dialect.name, conversations, key=["key"], columns=["state", "updated_at", "expires_at"])
        self._serialise = engine.dialect.name == "postgresql"

    def joined(self, connection: Connection) -> "SqlConversations":
        """The same store working inside `connection`'s transaction (the one that keeps an answer)."""
        inside = copy.copy(self)
        inside._connection = connection
        return inside

    def _transaction(self):
        return contextlib.nullcontext(self._connection) if self._connection is not None else self._engine.begin()

    def load(self, key: str) -> dict | None:
        with self._transaction() as connection:
            if self._connection is not None and self._serialise:
                # Held until the answer's transaction ends: this conversation's next turn waits for it.
                connection.execute(select(func.pg_advisory_xact_lock(func.hashtextextended(key, 0))))
            row = connection.execute(
                select(conversations.c.state).where(conversations.c.key == key,
                                                    conversations.c.expires_at > self._clock())
            ).first()
        return None if row is None else json.loads(row.state)

    def save(self, key: str, state: dict) -> None:
        now = self._clock()
        with self._transaction() as connection:
            connection.execute(self._save, {"key": key, "state": json.dumps(state), "updated_at": now,
                                            "expires_at": now + self._ttl})

    def forget(self, key: str) -> None:
        with self._transaction() as connection:
            connection.execute(delete(conversations).where(conversations.c.key == key))

    def purge_expired(self) -> int:
        """Delete expired conversations; how many."""
        with self._engine.begin() as connection:
            return connection.execute(delete(conversations).where(conversations.c.expires_at <= self._clock())).rowcount
