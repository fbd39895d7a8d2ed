"""The lexicon: words whose sense depends on the words around them, and the kinds of answer asked for."""

import pytest

from evalbot.routing.lexicon import CALCULATION, asked_kinds, content_words


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("ci for 92% on 300", ("ci", "92", "300")),
        ("our ci pipeline keeps failing", ("cicd", "pipeline", "keeps", "failing")),
        ("the ci is red again", ("cicd", "red")),
        ("ci/cd setup", ("cicd", "setup")),
    ],
)
def test_ci_is_a_confidence_interval_except_beside_a_build(text, words):
    """"ci" keeps its statistics sense unless build-pipeline words are in the message."""
    assert content_words(text) == words


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("how sure can i be", ("certainty",)),
        ("not sure how to pitch this", ("pitch",)),
        ("are you sure", ()),
        ("make sure the team delivers", ("make", "team", "delivers")),
    ],
)
def test_sure_is_everyday_talk_except_in_how_sure(text, words):
    """Only "how sure" asks about certainty; "not sure", "make sure" carry no topic."""
    assert content_words(text) == words


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("what do directors care about", ("board", "care")),
        ("board of directors of the company", ("board", "company")),
        ("eng directors get paid more", ("eng", "director", "compensation")),
        ("directors of engineering and vps", ("director", "engineering", "vp")),
        ("my director's expectations", ("director's", "expectations")),
    ],
)
def test_directors_are_the_board_except_as_a_job_title(text, words):
    """Plural "directors" folds to board, unless a job title is meant; one director is never the board."""
    assert content_words(text) == words


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("managing up to my cto", ("manage", "manageup", "csuite")),
        ("should i go into management", ("management", "transition")),
        ("management", ("management",)),
    ],
)
def test_managing_up_is_not_any_management(text, words):
    """"managing up" keeps its particle; going into management is a career step."""
    assert content_words(text) == words


@pytest.mark.parametrize(
    ("text", "asks_calculation"),
    [
        ("headcount", False),
        ("we need more headcount", False),
        ("what does the extra headcount cost", True),
        ("grow from 8 to 15 engineers", True),
        ("how much is a team of 12", True),
        ("roi of the eval program", True),
    ],
)
def test_a_calculation_is_asked_for_with_figures_or_cost_words(text, asks_calculation):
    """Figures, "cost", "how much" or a calculator's name ask for a calculation; a bare noun does not."""
    assert (CALCULATION in asked_kinds(text)) is asks_calculation


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("how do i get finance on board", ("finance", "buyin")),
        ("getting buy-in from product", ("getting", "buyin", "product")),
        ("teams that won't buy into the quality bar", ("teams", "won't", "buyin", "quality", "bar")),
        ("build vs buy for eval tooling", ("build", "vs", "buy", "eval", "tooling")),
        ("a seat on the board", ("seat", "board")),
    ],
)
def test_getting_people_on_board_is_buy_in_not_the_board_or_buying(text, words):
    """"on board", "buy-in" and "buy into" are agreement; "buy" alone and "on the board" keep their sense."""
    assert content_words(text) == words


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("do i even want to be caio", ("doubt", "csuite", "caio")),
        ("i want to be a vp", ("aspire", "vp")),
        ("how do i react when a key engineer quits", ("respond", "key", "engineer", "quits")),
    ],
)
def test_wanting_and_reacting_keep_their_meaning(text, words):
    """Doubt about wanting a role and ambition for one are words; "react to" is a verb, not a library."""
    assert content_words(text) == words
