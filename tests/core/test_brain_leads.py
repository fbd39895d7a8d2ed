"""The asked point first: lead points picked by words and meaning, a second card's point, the summary for general asks."""

import pytest


def test_a_question_touching_two_cards_leads_with_the_best_point_of_each(brain):
    """Salary (negotiation) and vesting (equity) in one ask: both points lead, both sections cited."""
    reply = brain.answer("my vp offer came in low: how do I negotiate the salary and the vesting schedule?")
    assert reply.intent == "negotiation" and reply.kind == "topic"
    assert "No pay figures" in reply.lead and "faster vesting" in reply.lead
    assert "Also, from Negotiating the equity package" in reply.lead
    assert "Negotiation Strategy" in reply.citation and "Equity Negotiation for Executives" in reply.citation
    assert reply.related[0].intent == "equity-negotiation"


@pytest.mark.parametrize(
    ("question", "intent", "point"),
    [
        ("what should I ask for on vesting?", "equity-negotiation", "faster vesting"),
        ("do I negotiate gross or net salary as a new VP?", "negotiation", "No pay figures"),
    ],
)
def test_the_point_asked_about_leads_alone(brain, question, intent, point):
    """A question about one part of a card leads with that part, found by meaning where words differ."""
    reply = brain.answer(question)
    assert reply.kind == "topic" and reply.intent == intent and point in reply.lead and "Also, from" not in reply.lead


def test_a_general_question_leads_with_the_summary(brain):
    """"any tips on what to look out for" names no part: the overview opens the answer."""
    reply = brain.answer("any tips on what to look out for when negotiating equity?")
    topic = brain.knowledge.get("equity-negotiation")
    assert reply.intent == "equity-negotiation" and reply.lead == topic.summary.strip()
