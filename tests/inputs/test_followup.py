"""Follow-up fragments read for a calculation under way."""

import pytest

from evalbot.inputs.followup import read_followup


@pytest.mark.parametrize(
    ("calculator", "text", "asking", "inputs"),
    [
        ("roi", "benefit is 10M", None, {"benefit": "10m"}),
        ("roi", "what if it were only 5 incidents?", None, {"incidents": "5"}),
        ("roi", "each ~4M", None, {"incident_cost": "4m"}),
        ("roi", "what if it cost 3M", None, {"cost": "3m"}),
        ("roi", "10M", "benefit", {"benefit": "10m"}),
        ("roi", "10", "incidents", {"incidents": "10"}),
        ("roi", "benefit=10M", None, {"benefit": "10M"}),
        ("roi", "savings=12M", None, {"benefit": "12M"}),
        ("confidence-interval", "and at 95% confidence?", None, {"confidence": "95%"}),
        ("confidence-interval", "at 95%", None, {"confidence": "95%"}),
        ("confidence-interval", "and with 1000 samples?", None, {"n": "1000"}),
        ("npv", "what if the rate were 12%", None, {"rate": "12%"}),
        ("npv", "make it five years", None, {"years": "5"}),
        ("team-cost", "and if we grow to 20?", None, {"target": "20"}),
    ],
)
def test_follow_up_fragments(calculator, text, asking, inputs):
    """Each fragment yields just the inputs it changes, ready to merge over the known ones."""
    assert read_followup(calculator, text, asking=asking).inputs == inputs


def test_a_lone_figure_without_a_question_is_not_guessed():
    """"500" after a completed interval could be anything: it is named back, not assigned."""
    reading = read_followup("confidence-interval", "500")
    assert reading.inputs == {} and reading.unused == ("500",)


def test_unrelated_figures_are_named_back():
    """A figure the calculator has no input for comes back as unused."""
    reading = read_followup("roi", "benefit is 10M, in 7 weeks")
    assert reading.inputs == {"benefit": "10m"} and reading.unused == ("7 weeks",)


def test_unknown_calculator_and_repeated_keys_are_harmless():
    """An unknown calculator reads nothing; a key typed twice is left for the calculator to report."""
    assert read_followup("no-such-calculator", "benefit is 10M").inputs == {}
    assert read_followup("roi", "cost=1M cost=2M").inputs == {}
