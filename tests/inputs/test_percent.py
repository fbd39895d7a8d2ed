"""Percentages: `10%`, `0.1` or `10`, bounded per field."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evalbot.errors import CommandError
from evalbot.inputs.percent import parse_percent


@pytest.mark.parametrize(
    ("raw", "fraction"),
    [("10%", 0.10), ("0.1", 0.10), ("92", 0.92), ("92.5 %", 0.925), ("10 percent", 0.10), ("1", 1.0), ("0", 0.0)],
)
def test_reads_percentages(raw, fraction):
    """A % sign, a fraction up to 1, or points above 1 all read as a fraction."""
    assert parse_percent(raw, field="rate") == pytest.approx(fraction)


@pytest.mark.parametrize(
    ("raw", "field", "low", "high", "complaint"),
    [
        ("140%", "accuracy", 0, 100, "between 0% and 100%"),
        ("-1%", "accuracy", 0, 100, "between 0% and 100%"),
        ("1.4", "accuracy", 50, 99.9, "between 50% and 99.9%"),
        ("100%", "confidence", 50, 99.9, "between 50% and 99.9%"),
        ("40%", "confidence", 50, 99.9, "between 50% and 99.9%"),
        ("high", "confidence", 50, 99.9, "isn't one"),
    ],
)
def test_bad_percentages(raw, field, low, high, complaint):
    """accuracy=140%, confidence=100% and the like are refused, naming the field."""
    with pytest.raises(CommandError) as caught:
        parse_percent(raw, field=field, low=low, high=high, example="ci accuracy=92% n=500")
    assert complaint in caught.value.message and caught.value.field == field


def test_fraction_is_explained_in_the_error():
    """When a bare number is read as points, the error shows the reading."""
    with pytest.raises(CommandError, match=r"`1.4` \(1.4%\)"):
        parse_percent("1.4", field="confidence", low=50, high=99.9)


@settings(max_examples=200)
@given(st.text(max_size=20))
def test_any_text_is_a_fraction_or_our_error(raw):
    """Any text is a fraction within the bounds, or a CommandError."""
    try:
        value = parse_percent(raw, field="accuracy")
    except CommandError:
        return
    assert 0.0 <= value <= 1.0


@pytest.mark.parametrize("raw", ["9" * 400, "9" * 40_000])
def test_huge_number_gives_a_short_error(raw):
    """However long the number, the error message stays short."""
    with pytest.raises(CommandError) as caught:
        parse_percent(raw, field="rate")
    assert len(caught.value.message) < 200
