"""Conversation state by key: the interface the core uses, in memory (console) or in the database (server).

A key names one conversation (a DM, a DM thread, a channel thread, a console session,
a `conversation` id on stdin); state is a JSON-ready dict the conversation layer owns.
State expires `ttl_seconds` after its last update and is never shared across keys.
"""

import contextlib
import json
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Protocol

from sqlalchemy import Connection, Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from evalbot.store.schema import conversations

DEFAULT_TTL_SECONDS = 24 * 3600.0


class ConversationStore(Protocol):
    def load(self, key: str) -> dict | None:
        """The state saved under `key`, or None if there is none or it has expired."""

    def save(self, key: str, state: dict) -> None:
        """Replace the state under `key` and restart its expiry."""

    def forget(self, key: str) -> None:
        """Drop the state under `key`."""

    def joined(self, connection: Connection) -> "ConversationStore":
        """This store, reading and writing inside the caller's transaction `connection`."""


class MemoryConversations:
    """Conversation state in this process, bounded: the least recently used key goes first."""

    def __init__(self, *, ttl_seconds: float = DEFAULT_TTL_SECONDS, max_keys: int = 10_000,
                 clock: Callable[[], float] = time.time):
        self._ttl, self._max, self._clock = ttl_seconds, max_keys, clock
        self._states: OrderedDict[str, tuple[float, str]] = OrderedDict()

    def load(self, key: str) -> dict | None:
        found = self._states.get(key)
        if found is None or found[0] <= self._clock():
            self._states.pop(key, None)
            return None
        self._states.move_to_end(key)
        return json.loads(found[1])  # a copy: callers may change what they get

    def save(self, key: str, state: dict) -> None:
        self._states[key] = (self._clock() + self._ttl, json.dumps(state))
        self._states.move_to_end(key)
        while len(self._states) > self._max:
            self._states.popitem(last=False)

    def forget(self, key: str) -> None:
        self._states.pop(key, None)

    def joined(self, connection: Connection) -> "MemoryConversations":
        return self  # nothing of it is in the database


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
