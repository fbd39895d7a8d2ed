"""Counts and plain numbers: whole where they must be, bounded, never NaN or infinite."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evalbot.errors import CommandError
from evalbot.inputs.numbers import parse_count, parse_number, read_decimal


@pytest.mark.parametrize(("raw", "count"), [("500", 500), ("1,200", 1200), ("10k", 10_000), ("1e9", 10**9), ("+7", 7)])
def test_reads_counts(raw, count):
    """Counts accept commas, `k` and exponent notation."""
    assert parse_count(raw, field="n") == count


@pytest.mark.parametrize(
    ("raw", "complaint"),
    [("0", "between 1 and"), ("2.5", "whole number"), ("-3", "between 1 and"), ("1e10", "between 1 and"),
     ("lots", "isn't one"), ("1e-999999999", "between 1 and"), ("1e999999999", "between 1 and")],
)
def test_bad_counts(raw, complaint):
    """n=0, n=2.5 and friends get a clear error naming `n`."""
    with pytest.raises(CommandError) as caught:
        parse_count(raw, field="n", example="ci accuracy=92% n=500")
    assert complaint in caught.value.message and caught.value.field == "n"


def test_years_bound():
    """years=5000 is out of the 1..50 range."""
    with pytest.raises(CommandError, match="between 1 and 50"):
        parse_count("5000", field="years", low=1, high=50)


def test_numbers_may_have_decimals():
    """A rate of incidents may be fractional (one every two years is 0.5)."""
    assert parse_number("0.5", field="incidents", low=0.01, high=1e6) == 0.5
    with pytest.raises(CommandError, match="between 0.01 and"):
        parse_number("0", field="incidents", low=0.01, high=1e6)


def test_unreadable_decimal_is_none():
    """`read_decimal` says None rather than raising for text that is not a number."""
    assert read_decimal("twelve", units=True) is None
    assert read_decimal("10k", units=False) is None


@settings(max_examples=200)
@given(st.text(max_size=30))
def test_any_text_is_a_count_or_our_error(raw):
    """Any text is an int in bounds, or a CommandError."""
    try:
        value = parse_count(raw, field="n")
    except CommandError:
        return
    assert isinstance(value, int) and 1 <= value <= 10**9


@settings(max_examples=200)
@given(st.text(alphabet="0123456789.,e+-kKmM ", max_size=20))
def test_numberish_text_never_escapes(raw):
    """Text made of number characters still gives a finite number or a CommandError."""
    try:
        value = parse_number(raw, field="incidents", low=0.01, high=1e6)
    except CommandError:
        return
    assert math.isfinite(value)
