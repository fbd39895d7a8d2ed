"""Conversations are kept apart, expire, and survive a damaged or foreign stored state."""

import pytest
from reply_parts import facts

from evalbot.conversation import Conversation, ConversationState
from evalbot.core.reply import ReplyKind
from evalbot.conversation.store import MemoryConversations


def test_two_conversations_interleaved_stay_separate(talk):
    """Two keys asking for different costs each complete with their own."""
    talk("roi cost=2M", key="alice")
    talk("roi cost=5M", key="bob")
    assert facts(talk("benefit=10M", key="alice"))["ROI (benefit-to-cost)"] == "5.0x"
    assert facts(talk("benefit=10M", key="bob"))["ROI (benefit-to-cost)"] == "2.0x"


def test_context_expires_after_the_stores_time_to_live(brain):
    """A follow-up after the state has expired is answered as a new message."""
    now = [1000.0]
    store = MemoryConversations(ttl_seconds=24 * 3600, clock=lambda: now[0])
    conversation = Conversation(brain=brain, store=store, key="k")
    conversation.answer("roi cost=2M")
    now[0] += 24 * 3600 + 1
    assert not conversation.answer("benefit=10M").facts


@pytest.mark.parametrize(
    "saved",
    [
        {"version": 99, "intent": "roi", "kind": "calculator", "confidence": 1.0},
        {"version": 1, "intent": "roi", "kind": "no-such-kind", "confidence": 1.0},
        {"version": 1, "intent": "roi", "kind": "calculator", "confidence": 7},
        {"version": 1},
        {"version": 1, "intent": "no-such-intent", "kind": "calculator", "calculator": "roi", "confidence": 1.0,
         "inputs": {"cost": "2M"}, "asking": "benefit"},
    ],
)
def test_a_stored_state_that_cannot_be_used_is_never_a_crash(brain, saved):
    """A state from another version, damaged, or naming an intent that is gone: a plain answer, no traceback."""
    store = MemoryConversations()
    store.save("k", saved)
    reply = Conversation(brain=brain, store=store, key="k").answer("benefit=10M")
    assert reply.reference is None and not reply.facts and reply.kind is not ReplyKind.CALCULATOR


def test_state_round_trips_through_the_store(brain):
    """What is remembered after an ask is the calculator, its inputs as typed, and what it asks for."""
    store = MemoryConversations()
    Conversation(brain=brain, store=store, key="k").answer("roi cost=2 million")
    state = ConversationState.restore(store.load("k"))
    assert (state.calculator, state.inputs, state.asking) == ("roi", {"cost": "2 million"}, "benefit")


def test_an_unexpected_failure_keeps_the_conversation(brain, monkeypatch):
    """An internal error in a follow-up is an apology with a reference; the next message still follows up."""
    store = MemoryConversations()
    conversation = Conversation(brain=brain, store=store, key="k")
    conversation.answer("roi cost=2M")
    real = brain.answer_intent
    monkeypatch.setattr(brain, "answer_intent", lambda *a, **k: 1 / 0)
    assert conversation.answer("benefit=10M").reference
    monkeypatch.setattr(brain, "answer_intent", real)
    assert facts(conversation.answer("benefit=10M"))["ROI (benefit-to-cost)"] == "5.0x"
