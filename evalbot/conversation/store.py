"""Conversation state by key: the interface the core uses, and the in-memory store (console, stdin).

A key names one conversation (a DM, a DM thread, a channel thread, a console session,
a `conversation` id on stdin); state is a JSON-ready dict the conversation layer owns.
State expires `ttl_seconds` after its last update and is never shared across keys.
The server's store, shared by every worker and host, is `evalbot.store.conversations.SqlConversations`.
"""

import json
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Protocol

DEFAULT_TTL_SECONDS = 24 * 3600.0


class ConversationStore(Protocol):
    def load(self, key: str) -> dict | None:
        """The state saved under `key`, or None if there is none or it has expired."""

    def save(self, key: str, state: dict) -> None:
        """Replace the state under `key` and restart its expiry."""

    def forget(self, key: str) -> None:
        """Drop the state under `key`."""

    def joined(self, connection: object) -> "ConversationStore":
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

    def joined(self, connection: object) -> "MemoryConversations":
        return self  # nothing of it is in the database
