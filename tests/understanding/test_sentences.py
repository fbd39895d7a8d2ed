"""Splitting a post into sentences and telling which of them ask something."""

import pytest

from evalbot.understanding.sentences import is_ask, split_sentences


def test_sentences_split_at_stops_and_line_breaks_but_not_inside_figures():
    """$1.5M and e.g. keep their full stops; ?, ! and new lines end sentences."""
    text = "We spend $1.5M a year, e.g. on raters. Is that a lot?\nAny advice! thanks"
    assert split_sentences(text) == ["We spend $1.5M a year, e.g. on raters.", "Is that a lot?", "Any advice!", "thanks"]


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_blank_text_has_no_sentences(text):
    """Blank input gives an empty list, not a list of blanks."""
    assert split_sentences(text) == []


@pytest.mark.parametrize(
    ("sentence", "asks"),
    [
        ("When is the right moment to ask for the VP promotion?", True),
        ("how do I show the value of eval in money terms", True),
        ("So what should I push for on the equity side", True),
        ("Any advice on scaling the team", True),
        ("I'm wondering whether to stay or go", True),
        ("Please draft a board update", True),
        ("I've been a senior eval engineer for six years.", False),
        ("My manager keeps praising the results.", False),
        ("Two peers were promoted last cycle.", False),
    ],
)
def test_asks_are_questions_requests_or_pleas_for_advice(sentence, asks):
    """Questions, requests and pleas for advice ask; the story around them does not."""
    assert is_ask(sentence) is asks
