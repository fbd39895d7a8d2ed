"""Assigning figures to inputs by their cue words: used, unused, unclear."""

import pytest

from evalbot.inputs.extract import read_message
from evalbot.inputs.reading import MAX_FIGURES


@pytest.mark.parametrize(
    ("calculator", "text", "inputs"),
    [
        ("npv", "npv upfront 500k cost 100k benefit 5M years 5 rate 8%",
         {"upfront": "500k", "cost": "100k", "benefit": "5m", "years": "5", "rate": "8%"}),
        ("npv", "years 4 rate 8 cost 100 benefit 5000", {"rate": "8", "years": "4", "cost": "100", "benefit": "5000"}),
        ("roi", "cost 100k savings 5M", {"cost": "100k", "benefit": "5m"}),
        ("roi", "5M savings, 100k running cost", {"benefit": "5m", "cost": "100k"}),
        ("team-cost", "from 8 to 15 at 143k each", {"current": "8", "target": "15", "cost_per_head": "143k"}),
        ("confidence-interval", "460 of 500 correct", {"correct": "460", "n": "500"}),
        ("confidence-interval", "97 right of 120", {"correct": "97", "n": "120"}),
    ],
)
def test_cues_on_either_side_of_a_figure(calculator, text, inputs):
    """Names before values (`years 5`) and nouns after them (`5M savings`) both assign figures."""
    assert read_message(calculator, text).inputs == inputs


@pytest.mark.parametrize(
    ("calculator", "text", "unused"),
    [
        ("roi", "we spend 2M and save 9M, launch is 7 weeks away", ("7 weeks",)),
        ("npv", "npv cost=100K benefit=5M for our 40 person org", ("40 person",)),
        ("roi", "ROI on 1.5M eval budget vs 10M prevented across 4 teams", ("4 teams",)),
        ("team-cost", "grow from 8 to 15 at 143k each by 2027", ("2027",)),
        ("roi", "it costs 500k upfront and saves 5M a year", ("500k upfront",)),
    ],
)
def test_figures_no_input_takes_are_named(calculator, text, unused):
    """A figure that fits no input is named back with the word it counts, never silently dropped."""
    assert read_message(calculator, text).unused == unused


def test_two_values_for_one_input_are_unclear_and_neither_is_used():
    """"spend 2M, budget is 3M": both are reported, neither is guessed."""
    reading = read_message("roi", "we spend 2M, well, budget is 3M, and save 10M")
    assert reading.inputs == {"benefit": "10m"} and reading.unclear == {"cost": ("2m", "3m")}


def test_the_same_value_twice_is_not_a_conflict():
    """Stating the cost twice, the same way, is just emphasis."""
    reading = read_message("roi", "we spend 2M on evals (2M a year budget) and save 10M")
    assert reading.inputs == {"cost": "2m", "benefit": "10m"} and not reading.unused and not reading.unclear


def test_key_value_pairs_are_left_to_the_grammar():
    """Figures inside `key=value` pairs are not read a second time as prose."""
    reading = read_message("npv", "npv cost=100K benefit=5M over 5 years")
    assert reading.inputs == {"years": "5"} and not reading.unused


def test_a_bare_number_needs_its_input_named_right_before_it():
    """"spend 5 engineers" is not $5: a bare number counting a noun is not money."""
    assert read_message("roi", "we spend 5 engineers on this").inputs == {}


def test_a_long_list_of_figures_says_what_was_not_read():
    """Beyond the figure limit the reply says figures were skipped, rather than reading thousands."""
    reading = read_message("roi", "1% " * (MAX_FIGURES + 10))
    assert reading.unused[-1] == f"every figure after the first {MAX_FIGURES}"
    assert len(reading.unused) == MAX_FIGURES + 1


def test_unknown_calculator_or_no_figures_reads_nothing():
    """Nothing to read gives an empty reading."""
    assert read_message("no-such-calculator", "we spend 2M").inputs == {}
    assert read_message("roi", "how do I justify the budget").unused == ()
