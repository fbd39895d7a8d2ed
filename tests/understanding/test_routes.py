"""route_understood(): which route a message gets once its ask is found."""

import pytest

from evalbot.understanding import Reading, Understanding, route_understood


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


def test_an_ask_that_says_little_is_decided_by_the_post(route):
    """"what should i do" names nothing; the post is about an acquisition."""
    understood = Understanding(
        reading=Reading.ASK, ask="what should i do",
        context="an acquirer is doing due diligence on our eval process before the deal. what should i do")
    assert route(understood) == "m-and-a"


def test_a_post_about_something_else_turns_away_an_unsure_ask(route):
    """The ask alone drifts into our vocabulary; the whole post is plainly a training bug."""
    understood = Understanding(
        reading=Reading.ASK, ask="how do i solve this",
        context="loss becomes nan after the first epoch while training my pytorch model. how do i solve this")
    assert route(understood) == "out-of-scope"


def test_a_clear_ask_wins_over_the_story_around_it(route):
    """The story is about the board; the ask is plainly about equity."""
    understood = Understanding(
        reading=Reading.ASK, ask="what should i push for on vesting and the exercise window",
        context="our board approved my vp offer last week. what should i push for on vesting and the exercise window")
    assert route(understood) == "equity-negotiation"


def test_the_post_breaks_a_near_tie_between_the_asks_candidates(route, brain):
    """"how should i frame the ask" is torn between topics; a post about a memo to the CFO decides."""
    ask = "how should i frame the ask"
    candidates = brain.matcher.route(ask).candidates
    assert candidates[0].score - candidates[1].score <= brain.matcher.thresholds.ambiguity_margin
    understood = Understanding(
        reading=Reading.ASK, ask=ask,
        context="i am writing a one page memo to the cfo about our eval spend. she wants it short. " + ask)
    assert route(understood) == "executive-communication"


@pytest.mark.parametrize("ask", ["any advice about how to begin", "how should i handle this situation", "do you have any advice"])
def test_an_ask_made_of_asking_words_is_decided_by_the_post(route, ask):
    """Words that only ask for help ("advice", "handle", "suggest") name no subject: the post does."""
    understood = Understanding(
        reading=Reading.ASK, ask=ask,
        context=f"the acquirer's team is doing due diligence on our eval process before the deal closes. {ask}")
    assert route(understood) == "m-and-a"
