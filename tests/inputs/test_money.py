"""Money parsing: every way people type an amount, and every way it can be wrong."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evalbot.errors import CommandError
from evalbot.inputs.money import parse_money


@pytest.mark.parametrize(
    ("raw", "dollars"),
    [
        ("2M", 2_000_000),
        ("$1.5M", 1_500_000),
        ("750k", 750_000),
        ("10K", 10_000),
        ("1,200,000", 1_200_000),
        ("2 million", 2_000_000),
        ("1.2mm", 1_200_000),
        ("$2M/year", 2_000_000),
        ("2M a year", 2_000_000),
        ("USD 2M", 2_000_000),
        ("3 bn", 3_000_000_000),
        ("1e6", 1_000_000),
        ("$ 500", 500),
        ("10T", 10**13),
    ],
)
def test_reads_money_as_people_type_it(raw, dollars):
    """Each spelling of an amount reads as the same number of dollars."""
    assert parse_money(raw, field="cost") == dollars


@pytest.mark.parametrize(
    ("raw", "complaint"),
    [
        ("banana", "isn't one"),
        ("0", "more than $0"),
        ("-5M", "more than $0"),
        ("$-5M", "more than $0"),
        ("1e400", "at most $10T"),
        ("10.1T", "at most $10T"),
        ("0.001", "at least $0.01"),
        ("nan", "isn't one"),
        ("inf", "isn't one"),
        ("2 gazillion", "isn't one"),
        ("", "isn't one"),
    ],
)
def test_bad_money_names_field_problem_and_example(raw, complaint):
    """A bad amount raises one CommandError naming the field, the problem and an example."""
    with pytest.raises(CommandError) as caught:
        parse_money(raw, field="cost", example="roi cost=2M benefit=10M")
    assert caught.value.field == "cost"
    assert complaint in caught.value.message and "`cost`" in caught.value.message
    assert caught.value.example == "roi cost=2M benefit=10M"


def test_zero_is_allowed_only_where_asked():
    """`allow_zero` admits $0 (an upfront cost may be nothing) but still rejects negatives."""
    assert parse_money("0", field="upfront", allow_zero=True) == 0
    with pytest.raises(CommandError):
        parse_money("-1", field="upfront", allow_zero=True)


def test_echo_of_a_huge_value_is_shortened():
    """An absurdly long value is not repeated in full in the error message."""
    with pytest.raises(CommandError) as caught:
        parse_money("9" * 5000, field="cost")
    assert len(caught.value.message) < 200


@settings(max_examples=200)
@given(st.text(max_size=40))
def test_any_text_is_money_or_our_error(raw):
    """Any text is a finite amount in bounds, or a CommandError; never another exception."""
    try:
        value = parse_money(raw, field="cost")
    except CommandError as e:
        assert e.field == "cost"
    else:
        assert math.isfinite(value) and 0 < value <= 1e13


@settings(max_examples=200)
@given(st.decimals(min_value="0.01", max_value=10**7, places=2), st.sampled_from(["", "k", "M"]))
def test_numbers_with_units_scale_exactly(amount, unit):
    """`<number><unit>` reads as number x unit."""
    scale = {"": 1, "k": 1e3, "M": 1e6}[unit]
    assert parse_money(f"{amount}{unit}", field="cost") == pytest.approx(float(amount) * scale)
