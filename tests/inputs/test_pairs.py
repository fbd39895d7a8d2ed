"""`key=value` splitting, including numbers written with a spaced unit word."""

import pytest

from evalbot.errors import CommandError
from evalbot.inputs.pairs import split_pairs


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        ("cost=2 million benefit=10M", {"cost": "2 million", "benefit": "10M"}),
        ("rate=10 percent years=3", {"rate": "10 percent", "years": "3"}),
        ('risk="a b c" ask=\'x y\'', {"risk": "a b c", "ask": "x y"}),
        ("Incident-Cost=1M", {"incident_cost": "1M"}),
        ("cost=1,200,000", {"cost": "1,200,000"}),
    ],
)
def test_splits_pairs(text, pairs):
    """Quoted values, spaced units and hyphenated keys all split as one pair each."""
    assert split_pairs(text).pairs == pairs


def test_unit_word_is_not_left_behind():
    """`cost=2 million` leaves no stray `million` that would make the cost $2."""
    assert split_pairs("cost=2 million").rest == ""


def test_a_key_given_twice_differently_is_an_error():
    """Two different values for one key are a conflict."""
    with pytest.raises(CommandError, match="given twice"):
        split_pairs("cost=2M cost=3M")


@pytest.mark.parametrize(("text", "value"), [("roi spend=1M, and we save", "1M"), ("roi cost=2M.", "2M"),
                                             ("roi cost=0.5M;", "0.5M"), ("roi cost=.", ".")])
def test_sentence_punctuation_after_a_bare_value_is_dropped(text, value):
    """"spend=1M, and ..." reads 1M: the comma ends the sentence's clause, not the value."""
    assert next(iter(split_pairs(text).pairs.values())) == value
