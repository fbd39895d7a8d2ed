"""route_understood(): which route a message gets once the brain has found its ask."""

import pytest

from evalbot.core.route_message import route_understood
from evalbot.understanding import Reading, Understanding, understand


@pytest.fixture()
def route(brain):
    def route(understood: Understanding):
        found = route_understood(understood, router=brain.router, knowledge=brain.knowledge)
        return None if found is None else found.intent
    return route


@pytest.mark.parametrize(("ask", "intent"), [("5", None), ("", None)])
def test_a_message_without_words_gets_no_route(route, ask, intent):
    """Figures or symbols alone ask nothing: the caller answers with help."""
    assert route(Understanding(reading=Reading.NO_WORDS, ask=ask)) is intent


@pytest.mark.parametrize(
    ("word", "intent"),
    [("exit", None), ("clear", None), ("equity", "equity-negotiation"), ("headcount", "scaling-the-program"),
     ("thx", "thanks"), ("asdfghjkl", "out-of-scope")],
)
def test_a_lone_word_is_routed_only_when_it_names_something(route, word, intent):
    """Names (even shared ones, like headcount), smalltalk and foreign words route; other words do not."""
    assert route(Understanding(reading=Reading.LONE_WORD, ask=word)) == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Our board approved my VP offer last week. The recruiter says the package is final, but I want to "
         "understand it before I sign. What should I push for on vesting and the exercise window?", "equity-negotiation"),
        ("I run the eval team at a fintech and I'm writing a one-page memo to the CFO about our eval spend. "
         "She wants it short. How should I frame it?", "executive-communication"),
    ],
)
def test_a_story_and_its_ask_are_routed_together(route, brain, text, intent):
    """The whole post and its ask both reach the router: the ask decides what, the story who is asking."""
    understood = understand(text, speller=brain.matcher.speller)
    assert understood.context and understood.ask != understood.context
    assert route(understood) == intent


def test_a_short_message_is_routed_on_its_ask_alone(route):
    """Without a story around it, the ask is the whole message."""
    understood = Understanding(reading=Reading.ASK, ask="how do i pitch the eval budget to the board")
    assert route(understood) == "board-pitch"
