"""A conversation over an in-memory store, driven message by message."""

import sys
from pathlib import Path

import pytest

from evalbot.conversation import Conversation
from evalbot.conversation.store import MemoryConversations

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture()
def store() -> MemoryConversations:
    return MemoryConversations()


@pytest.fixture()
def talk(brain, store):
    """`talk("roi cost=2M", "benefit is 10M")`: each message in one conversation; the last reply."""

    def run(*messages: str, key: str = "test"):
        conversation = Conversation(brain=brain, store=store, key=key)
        reply = None
        for message in messages:
            reply = conversation.answer(message)
        return reply

    return run
