"""Follow-ups on topics, picks among offered choices, "shorter" and "more", and new questions let go."""

import pytest
from reply_parts import facts

from evalbot.core.reply import ReplyKind


def test_a_condition_on_the_last_topic_stays_on_it(talk):
    """"and for a startup?" after the equity answer is about equity, not the alternative-paths topic."""
    assert talk("and for a startup?").intent == "alternative-paths"  # on its own: what the words say
    reply = talk("what can I negotiate in my equity?", "and for a startup?")
    assert reply.intent == "equity-negotiation" and reply.confidence < 1.0


def test_a_part_of_the_topic_the_words_alone_do_not_place_stays_on_it(talk):
    """"and vesting?" after equity leads with the vesting point."""
    reply = talk("what can I negotiate in my equity?", "and vesting?")
    assert reply.intent == "equity-negotiation" and "down to 3" in reply.lead


def test_a_same_topic_follow_up_is_answered_with_that_topic(talk):
    """"and what about the exercise window?" after equity stays on equity and leads with the 10 to 15 years."""
    reply = talk("what can I negotiate in my equity?", "and what about the exercise window?")
    assert reply.intent == "equity-negotiation" and "stretch it to 15" in reply.lead


def test_a_new_subject_after_a_topic_is_answered_fresh(talk):
    """"and what about the board pitch?" after equity moves on to the board pitch."""
    assert talk("what can I negotiate in my equity?", "and what about the board pitch?").intent == "board-pitch"


def test_an_unrelated_follow_up_is_out_of_scope(talk):
    """A marked follow-up that shares nothing with the topic is not forced onto it."""
    reply = talk("what can I negotiate in my equity?", "and what's the weather in Berlin?")
    assert reply.kind is ReplyKind.OUT_OF_SCOPE


@pytest.mark.parametrize(
    ("first", "pick", "intent"),
    [
        ("what can I negotiate in my equity?", "the equity one", "checklist:equity"),
        ("what can I negotiate in my equity?", "the first one", "negotiation"),
        ("what can I negotiate in my equity?", "the second one", "checklist:equity"),
        ("what can I negotiate in my equity?", "option 4", "compensation"),
        ("help", "the equity one", "equity-negotiation"),
        ("checklist negotiation", "the equity one", "checklist:equity"),
        ("checklist negotiation", "the equity topic", "equity-negotiation"),
        ("checklist promotion", "that template", "template:promotion-case"),
        ("checklist promotion", "number 2", "template:promotion-case"),
        ("roi cost=2M benefit=10M", "that template", "template:budget-pitch"),
        ("roi cost=2M benefit=10M", "the board pitch template", "template:board-pitch"),
        ("topics", "the promotion checklist", "checklist:promotion"),
    ],
)
def test_a_reference_picks_among_the_choices_just_offered(talk, first, pick, intent):
    """Each reference resolves to the choice the last answer offered (in the order shown)."""
    assert talk(first, pick).intent == intent


def test_a_picked_template_gets_the_calculations_figures(talk):
    """"that template" after an ROI fills the budget pitch with the same figures."""
    reply = talk("roi cost=2M benefit=10M", "that template")
    assert reply.kind is ReplyKind.TEMPLATE and facts(reply)["ROI (benefit-to-cost)"] == "5.0x"
    assert "$10M" in reply.draft


def test_a_reference_with_nothing_offered_is_an_ordinary_message(talk):
    """"the first one" with no choices on offer is not invented into one."""
    assert talk("the first one").kind is ReplyKind.OUT_OF_SCOPE


@pytest.mark.parametrize("ask", ["can you make that shorter", "shorter please", "tl;dr", "too long"])
def test_shorter_shortens_the_last_answer(talk, ask):
    """"shorter" gives the same answer cut down, never a template."""
    full = talk("what can I negotiate in my equity?")
    short = talk("what can I negotiate in my equity?", ask)
    assert short.intent == "equity-negotiation" and short.kind is ReplyKind.TOPIC
    assert len(short.sections) < len(full.sections) + 1 and not short.related
    assert "Key points" not in [s.heading for s in short.sections]


@pytest.mark.parametrize("ask", ["more", "tell me more", "show me the rest", "more details please"])
def test_more_shows_the_whole_last_answer(talk, ask):
    """"more" after a short answer gives the whole card back."""
    full = talk("what can I negotiate in my equity?")
    more = talk("what can I negotiate in my equity?", "shorter", ask)
    assert (more.intent, more.lead, more.sections) == (full.intent, full.lead, full.sections)
    assert full.more and more.more is None


def test_shorter_with_no_conversation_is_not_a_template(talk):
    """"can you make that shorter" as a first message is never answered with a template."""
    assert talk("can you make that shorter").kind is not ReplyKind.TEMPLATE


def test_more_with_no_conversation_says_there_is_nothing_yet(talk):
    """"tell me more" as a first message says there is nothing to expand, with examples to try."""
    reply = talk("tell me more")
    assert reply.title == "Nothing to go on yet" and "Ask me something first" in reply.sections[0].text
