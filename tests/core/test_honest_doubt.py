"""Honest doubt: below the head's threshold a reply offers the likeliest topics, not a full card."""

import dataclasses
import json

import pytest

from evalbot.conversation import Conversation
from evalbot.conversation.store import MemoryConversations
from evalbot.core.brain import Brain
from evalbot.core.reply import ReplyKind
from evalbot.rendering.block_kit import message, render_blocks
from evalbot.rendering.json_view import reply_json
from evalbot.rendering.plain_text import render_text
from evalbot.routing.router import Router

QUESTION = "how do I pitch the eval budget to the board?"


@pytest.fixture(scope="module")
def doubtful(brain) -> Brain:
    """The shipped brain with a head that doubts everything below 0.999."""
    head = dataclasses.replace(brain.router.head, unsure_below=0.999)
    router = Router(knowledge=brain.knowledge, head=head, encoder=brain.router.encoder)
    return Brain(knowledge=brain.knowledge, router=router)


def test_an_unsure_reply_offers_two_or_three_topics_each_with_a_gist(doubtful):
    """Kind clarify, the likeliest id as intent, 1-3 choices with one-line gists, and no card."""
    reply = doubtful.answer(QUESTION)
    assert reply.kind is ReplyKind.CLARIFY
    assert reply.intent == reply.did_you_mean[0].intent == "board-pitch"
    assert 1 <= len(reply.did_you_mean) <= 3
    assert all(choice.gist and len(choice.gist) <= 121 for choice in reply.did_you_mean)
    assert not reply.lead and not reply.items and not reply.more
    assert reply.title.startswith("I'm not sure")


def test_a_sure_reply_is_still_a_card(brain):
    """The shipped head answers a plain question with the card."""
    reply = brain.answer(QUESTION)
    assert reply.kind is ReplyKind.TOPIC and reply.intent == "board-pitch"


def test_clarify_json_carries_kind_intent_and_choices(doubtful):
    """`ask --json`: kind "clarify", intent the likeliest id, the choices in reply.did_you_mean."""
    payload = json.loads(json.dumps(reply_json(doubtful.answer(QUESTION))))
    assert payload["kind"] == "clarify" and payload["intent"] == "board-pitch"
    assert [c["intent"] for c in payload["reply"]["did_you_mean"]][0] == "board-pitch"


def test_the_console_numbers_the_choices(doubtful):
    """Numbered choices with their gists, and how to pick one."""
    text = render_text(doubtful.answer(QUESTION), width=80)
    assert "1. " in text and 'say "the first one"' in text
    assert max(len(line) for line in text.splitlines()) <= 80


def test_slack_shows_the_choices_as_buttons_under_their_gists(doubtful):
    """One section lists the numbered choices with gists; an actions block has one button per choice."""
    reply = doubtful.answer(QUESTION)
    blocks = render_blocks(reply)
    actions = [b for b in blocks if b["type"] == "actions"]
    assert actions and len(actions[-1]["elements"]) == len(reply.did_you_mean)
    assert any(b["type"] == "section" and "*1. " in b["text"]["text"] for b in blocks)
    text = message(reply)["text"]  # notifications and screen readers get the choices too
    assert all(f"{n}. {c.label}" in text for n, c in enumerate(reply.did_you_mean, 1))


@pytest.mark.parametrize("pick", ["the first one", "1", "first"])
def test_picking_a_choice_answers_the_question_that_was_asked(doubtful, pick):
    """After choices, "the first one" (or "1") answers that topic, led by the original question."""
    conversation = Conversation(brain=doubtful, store=MemoryConversations(), key="k")
    first = conversation.answer(QUESTION)
    assert first.kind is ReplyKind.CLARIFY
    picked = conversation.answer(pick)
    assert picked.intent == first.did_you_mean[0].intent and picked.kind is ReplyKind.TOPIC
    assert picked.lead


def test_a_bare_number_after_a_card_is_not_a_pick(brain):
    """Outside a clarifying reply, "2" is not read as a choice."""
    conversation = Conversation(brain=brain, store=MemoryConversations(), key="k")
    conversation.answer("what can I negotiate in my equity?")
    assert conversation.answer("2").kind is not ReplyKind.TOPIC or conversation.answer("2").intent != "checklist:equity"
