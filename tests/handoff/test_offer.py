"""The Ask-a-person offer: when it is made, and its button value within Slack's limits, parsed back safely."""

import json

import pytest

from evalbot.core.reply import OUT_OF_SCOPE, Choice, InputProblem, Reply, ReplyKind
from evalbot.handoff.offer import MAX_VALUE, Offer, needs_a_person
from evalbot.rendering.handoff import relayed


def reply(**fields) -> Reply:
    return Reply(**{"intent": "roi", "kind": ReplyKind.TOPIC, "confidence": 0.9, "title": "t", **fields})


@pytest.mark.parametrize("fields, offered", [
    ({"intent": OUT_OF_SCOPE, "kind": ReplyKind.OUT_OF_SCOPE}, True),
    ({"confidence": 0.3}, True),
    ({"did_you_mean": [Choice(intent="npv", label="NPV")]}, True),
    ({}, False),
    ({"kind": ReplyKind.ERROR, "intent": OUT_OF_SCOPE, "confidence": 0.0}, False),
    ({"confidence": 0.2, "problem": InputProblem(message="cost is missing", field="cost")}, False),
], ids=["declined", "low confidence", "did you mean", "sure", "error", "input problem"])
def test_a_person_is_offered_when_evalbot_declines_or_is_unsure(fields, offered):
    """Declines and unsure replies offer a person; sure answers, errors and input problems do not."""
    assert needs_a_person(reply(**fields)) is offered


def test_value_round_trips():
    """What the button carries comes back from its value."""
    offer = Offer.new("which vendors?", asker="U1", channel="C1", thread_ts="1.2", message_ts="1.3", guess="Vendors")
    assert Offer.parse(offer.value()) == offer


@pytest.mark.parametrize("question", ["x" * 5000, '"\\' * 3000, "é" * 4000, "\n" * 3000])
def test_a_long_question_is_cut_to_fit_slacks_2000_characters(question):
    """The value stays valid JSON of at most 2000 characters, whatever the question holds."""
    value = Offer.new(question, asker="U1").value()
    assert len(value) <= MAX_VALUE and Offer.parse(value).question == json.loads(value)["question"]


@pytest.mark.parametrize("value", [None, "", "not json", "[]", '{"key": 5, "question": "q"}', '{"key": "k"}',
                                   '{"key": "k", "question": ""}'])
def test_a_value_that_is_no_offer_parses_to_none(value):
    """Stale, forged or broken values are refused, never raised."""
    assert Offer.parse(value) is None


@pytest.mark.parametrize("text, shown", [
    ("<!channel> hi", "@channel hi"),
    ("<!here|here> now", "here now"),
    ("<!subteam^S0123|@eval-leads> look", "@eval-leads look"),
    ("see <https://wiki.example.com/vendors|the wiki> &amp; ask <@U0EXPERT1>",
     "see <https://wiki.example.com/vendors|the wiki> &amp; ask <@U0EXPERT1>"),
])
def test_relayed_text_keeps_links_and_mentions_but_never_pings(text, shown):
    """Special mentions become text; links and user mentions pass as Slack delivered them."""
    assert relayed(text) == shown
