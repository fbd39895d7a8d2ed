"""Declining plainly, and saying what the guide says nearby when a close topic has a fitting point."""

from evalbot.core.handlers.out_of_scope import answer_in_english, answer_out_of_scope


def test_a_plain_decline_says_what_evalbot_covers(brain):
    """No close topic: the reply declines, says what evalbot covers, and offers nothing."""
    reply = brain.answer("whats the weather in berlin")
    assert reply.intent == "out-of-scope" and reply.title == "Not something I cover"
    assert not reply.did_you_mean and not reply.citation


def test_a_partly_covered_question_gets_the_nearby_point_framed_as_such(brain):
    """With a nearby topic and point: the point, the topic named, a line on what is not covered, the section cited."""
    topic = brain.knowledge.get("talent-development")
    point = topic.points[-1]
    reply = answer_out_of_scope(knowledge=brain.knowledge, nearest=["vp-role"], confidence=0.6, nearby=(topic, point))
    assert reply.intent == "out-of-scope" and reply.kind == "out-of-scope"
    assert reply.title == "Not covered directly: what the guide says nearby"
    texts = [section.text for section in reply.sections]
    assert "doesn't cover this question itself" in texts[0] and topic.title in texts[0]
    assert point in texts[1]
    assert reply.sections[2].heading == "What this does not cover"
    assert reply.citation and topic.sources[0] in reply.citation
    assert [c.intent for c in reply.did_you_mean] == ["talent-development", "vp-role"]


def test_another_language_is_told_to_ask_in_english():
    """One line, with an example question in English."""
    reply = answer_in_english()
    assert reply.title == "I answer in English" and "`how do I pitch the eval budget to the board?`" in reply.sections[0].text
