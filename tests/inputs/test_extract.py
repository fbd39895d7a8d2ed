"""Calculator inputs read from sentences: only where the meaning is clear."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evalbot.calculators import CALCULATORS
from evalbot.inputs.extract import detect_calculation, extract_inputs


@pytest.mark.parametrize(
    ("calculator", "text", "found"),
    [
        ("roi", "we spend 2M and prevent 10 incidents at 1M each",
         {"cost": "2m", "incidents": "10", "incident_cost": "1m"}),
        ("roi", "if eval costs 2 million and prevents 12 incidents at 800k each, is it worth it?",
         {"cost": "2 million", "incidents": "12", "incident_cost": "800k"}),
        ("roi", "what's the roi if we spend 1.5M and save 9M", {"cost": "1.5m", "benefit": "9m"}),
        ("roi", "each incident costs us 1M and we prevent 10 of them; budget 2M",
         {"cost": "2m", "incidents": "10", "incident_cost": "1m"}),
        ("roi", "Cost: $1.5M/year. Benefit: prevents $10M+ quality incidents", {"cost": "$1.5m", "benefit": "$10m"}),
        ("roi", "We're spending $2M on the eval team, preventing 10+ issues per year, saving the company $10M+ annually",
         {"cost": "$2m", "incidents": "10", "benefit": "$10m"}),
        ("confidence-interval", "ci for 92% accuracy on 500 samples", {"accuracy": "92%", "n": "500"}),
        ("confidence-interval", "how sure can I be of 91% on 300 samples", {"accuracy": "91%", "n": "300"}),
        ("confidence-interval", "460 out of 500 correct at 95% confidence",
         {"correct": "460", "n": "500", "confidence": "95%"}),
        ("team-cost", "grow the team from 8 to 15 at 143k each",
         {"current": "8", "target": "15", "cost_per_head": "143k"}),
        ("team-cost", "expand from 8 eval engineers to 15, cost per head 143k",
         {"current": "8", "target": "15", "cost_per_head": "143k"}),
        ("npv", "our eval infra cost us $500K to build and $100K/year to operate, saving us an estimated $5M/year",
         {"upfront": "$500k", "cost": "$100k", "benefit": "$5m"}),
        ("npv", "npv of 500k upfront, 100k a year to run, saves 5M a year over 3 years at 10% discount",
         {"upfront": "500k", "cost": "100k", "benefit": "5m", "years": "3", "rate": "10%"}),
    ],
)
def test_reads_inputs_from_sentences(calculator, text, found):
    """The issue's example sentences (and variants) yield exactly the stated inputs."""
    assert extract_inputs(calculator, text) == found


@pytest.mark.parametrize(
    ("calculator", "text"),
    [
        ("roi", "how do i calculate roi"),
        ("roi", "we spend 5 engineers on this"),
        ("roi", "we met 3 times last quarter"),
        ("npv", "the board meets in 2026"),
        ("team-cost", "we went from 8% to 15% accuracy"),
        ("confidence-interval", "the board meets at 9"),
    ],
)
def test_unclear_sentences_yield_nothing(calculator, text):
    """Numbers without a clear role are left alone rather than guessed."""
    assert extract_inputs(calculator, text) == {}


def test_two_different_costs_are_not_guessed_between():
    """A field stated twice with different values is dropped, not picked at random."""
    found = extract_inputs("roi", "we spend 2M, well, budget is 3M, and save 10M")
    assert "cost" not in found and found["benefit"] == "10m"


def test_build_cost_is_not_taken_for_the_roi_cost():
    """Beside a one-off build cost, "the" annual cost is unclear, so roi reads none."""
    assert "cost" not in extract_inputs("roi", "it costs 500k upfront and saves 5M a year")


@pytest.mark.parametrize(
    ("text", "calculator"),
    [
        ("if eval costs 2 million and prevents 12 incidents at 800k each, is it worth it?", "roi"),
        ("we spend 2M and prevent 10 incidents at 1M each", "roi"),
        ("ci for 92% accuracy on 500 samples", "confidence-interval"),
        ("grow the team from 8 to 15 at 143k each", "team-cost"),
        ("npv of 500k upfront, 100k a year to run, saves 5M a year", "npv"),
        ("is our eval spend worth it, we prevent 10 incidents", None),
        ("how do I negotiate equity", None),
    ],
)
def test_detects_complete_calculations_only(text, calculator):
    """A sentence counts as a calculation only when every required input is there."""
    assert detect_calculation(text) == calculator


def test_unknown_calculator_reads_nothing():
    """Asking for a calculator that does not exist returns no inputs."""
    assert extract_inputs("no-such", "we spend 2M") == {}


@settings(max_examples=200)
@given(st.text(max_size=120))
def test_any_text_extracts_strings_or_nothing(text):
    """Any text gives string inputs with known field names, and detection never raises."""
    for calculator_id, calculator in CALCULATORS.items():
        found = extract_inputs(calculator_id, text)
        assert set(found) <= {f.name for f in calculator.fields}
        assert all(isinstance(v, str) and v for v in found.values())
    assert detect_calculation(text) in (None, *CALCULATORS)


@pytest.mark.parametrize(
    "text",
    ["prevent " + "1" * 20000, "spend $" * 5000, "about " * 5000 + "2M", "from 1 " * 5000, "9," * 10000,
     "1% " * 10000, "at $1 " * 5000, "a" * 40000],
)
def test_hostile_text_is_read_in_linear_time(text):
    """Long runs of digits or repeated cue words cannot make the regexes backtrack for long."""
    import time

    start = time.perf_counter()
    detect_calculation(text)
    for calculator_id in CALCULATORS:
        extract_inputs(calculator_id, text)
    assert time.perf_counter() - start < 3
