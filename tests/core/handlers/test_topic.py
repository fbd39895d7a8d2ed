"""Topic answers through the brain: the point asked about first, the rest of the card one step away."""

import pytest

from evalbot.core.handlers.lead import LEAD_CHARS
from evalbot.core.reply import ReplyKind
from evalbot.knowledge_base.loader import load_knowledge

TOPICS = load_knowledge().topics


def test_exercise_window_question_leads_with_the_window(brain):
    """"How long an exercise window" opens with 10 years after leaving, stretched to 15."""
    reply = brain.answer("how long an exercise window can I ask for?")
    assert reply.intent == "equity-negotiation"
    first_line = reply.lead.splitlines()[0]
    assert "exercise window" in first_line and "10 years after you leave" in first_line and "15" in first_line
    assert reply.more == "equity-negotiation#3"


def test_vesting_question_leads_with_vesting(brain):
    """"3-year vesting instead of 4" opens with the vesting lever, not the equity overview."""
    reply = brain.answer("can I push for 3-year vesting instead of 4?")
    assert reply.lead.startswith("• *Lever 2, faster vesting:*") and "down to 3" in reply.lead


@pytest.mark.parametrize(
    ("question", "summary_says"),
    [
        ("equity negotiation tips", "four levers"),
        ("What's the salary range for a VP of AI quality?", "no figures"),
        ("what do big companies spend on evaluation", "2-5x"),
    ],
)
def test_general_questions_lead_with_the_summary(brain, question, summary_says):
    """A question no single point answers (or the summary answers best) opens with the summary."""
    reply = brain.answer(question)
    topic = brain.knowledge.get(reply.intent)
    assert reply.lead == topic.summary.strip() and summary_says in reply.lead
    assert reply.sections[0].heading == "Key points"


def test_a_picked_topic_shows_the_card_as_written(brain):
    """A button pick has no question: no lead, the whole card, no More key."""
    reply = brain.answer_intent("equity-negotiation")
    assert reply.lead is None and reply.more is None
    assert [s.heading for s in reply.sections] == [None, "Key points"]


def test_more_unfolds_the_same_lead_with_the_rest(brain):
    """`answer_more` rebuilds the answer from its key alone: same lead, the rest after it, nothing folded."""
    folded = brain.answer("how long an exercise window can I ask for?")
    unfolded = brain.answer_more(folded.more)
    assert unfolded.lead == folded.lead and unfolded.more is None
    assert unfolded.sections == folded.sections
    assert unfolded.sections[1].heading == "Other key points" and "exercise window" not in unfolded.sections[1].text


@pytest.mark.parametrize("key", ["equity-negotiation#42", "no-such-topic#1", "checklist:equity#0", "garbage"])
def test_stale_more_keys_get_a_clear_reply(brain, key):
    """A key for a point or topic that no longer exists is an error reply, not a crash."""
    reply = brain.answer_more(key)
    assert reply.kind is ReplyKind.ERROR and reply.problem is not None


@pytest.mark.parametrize("topic", TOPICS, ids=lambda topic: topic.id)
def test_every_topic_card_reads_well_folded(brain, topic):
    """For each phrasing of each topic: a short lead, every point shown exactly once, the summary once."""
    for question in topic.examples:
        reply = brain.answer(question)
        if reply.intent != topic.id or reply.kind != "topic":
            continue  # routing's business (and its doubt), measured elsewhere
        shown = "\n".join([reply.lead, *(s.text for s in reply.sections)])
        assert len(reply.lead) <= LEAD_CHARS or reply.lead == topic.summary.strip(), question
        assert all(shown.count(point) == 1 for point in topic.points), question
        assert shown.count(topic.summary.strip()) == 1, question
        assert reply.more and reply.more.startswith(f"{topic.id}#")
