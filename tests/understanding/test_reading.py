"""understand(): the reading of a message and the words handed to the matcher."""

import pytest

from evalbot.understanding import Reading, understand


@pytest.fixture(scope="module")
def speller(brain):
    return brain.matcher.speller


@pytest.mark.parametrize(
    ("text", "reading", "ask"),
    [
        ("Hi! how do I push back on my boss?", Reading.ASK, "how do i push back on my boss"),
        ("what does a vp make? thanks in advance!", Reading.ASK, "what does a vp make"),
        ("hi", Reading.COURTESY, "hi"),
        ("Thanks so much!", Reading.COURTESY, "thanks so much"),
        ("hey there. thanks!", Reading.COURTESY, "hey there. thanks"),
        ("exit", Reading.LONE_WORD, "exit"),
        ("equty", Reading.LONE_WORD, "equity"),
        ("the headcount?", Reading.LONE_WORD, "the headcount"),
        ("5", Reading.NO_WORDS, "5"),
        ("???", Reading.NO_WORDS, ""),
        ("hi! 42", Reading.NO_WORDS, "42"),
        ("bord pitch tips", Reading.ASK, "board pitch tips"),
    ],
)
def test_short_messages_are_read_for_what_they_ask(speller, text, reading, ask):
    """Courtesy is dropped around an ask, kept when it is all there is; typos are repaired."""
    understood = understand(text, speller=speller)
    assert (understood.reading, understood.ask, understood.context) == (reading, ask, "")


def test_a_long_post_is_routed_on_its_last_asks_with_the_story_as_context(speller):
    """Story sentences become context; the question sentences (at most two, the last) are the ask."""
    post = (
        "Hi all. I lead a team of seven eval engineers. We got an offer from a bigger company. "
        "Their people keep asking about our processes. What does an acquirer check during diligence? "
        "Thanks in advance!"
    )
    understood = understand(post, speller=speller)
    assert understood.reading is Reading.ASK
    assert understood.ask == "what does an acquirer check during diligence"
    assert understood.context.startswith("i lead a team of seven eval engineers.")
    assert understood.context.endswith("what does an acquirer check during diligence")


def test_a_long_post_without_a_question_is_routed_whole(speller):
    """With no ask to pick out, the whole post (courtesy dropped) is what gets routed."""
    post = "I lead eval at a startup. Our board meets next week. I present the budget. It has to land."
    understood = understand(post, speller=speller)
    assert (understood.ask, understood.context) == (
        "i lead eval at a startup. our board meets next week. i present the budget. it has to land.", "")


def test_two_short_sentences_are_not_a_long_post(speller):
    """A message of one or two short sentences is routed whole: its story is its ask."""
    understood = understand("I'm a new VP. How do I manage up?", speller=speller)
    assert (understood.ask, understood.context) == ("i'm a new vp. how do i manage up", "")


def test_a_post_whose_title_asks_keeps_the_title_with_its_last_ask(speller):
    """A forum post's first line is its title: when it asks, it joins the last ask."""
    post = ("How do I negotiate equity in a startup offer?\nI have an offer for head of AI quality. "
            "The base is fine. The grant looks small.\nWhat would you ask for?")
    understood = understand(post, speller=speller)
    assert understood.ask == "how do i negotiate equity in a startup offer what would you ask for"
