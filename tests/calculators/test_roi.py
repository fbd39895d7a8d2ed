"""ROI: the guide's own checks, conflicts and the edge where benefit is below cost."""

import pytest

from evalbot.calculators.roi import RoiInput, roi
from evalbot.errors import CommandError


def test_guide_check_incidents(calculate):
    """cost=2M incidents=10 incident_cost=1M -> benefit $10M, 5.0x (the guide's pitch)."""
    outcome = calculate("roi", cost="2M", incidents="10", incident_cost="1M")
    shown = outcome.presentation.outputs
    assert (shown["benefit"], shown["roi_multiple"]) == ("$10M", "5.0x")
    assert (shown["net_benefit"], shown["net_roi"], shown["payback"]) == ("$8M", "400%", "2.4 months")


def test_guide_check_board_pitch(calculate):
    """cost=1.5M benefit=10M -> 6.7x (the guide's "6x+")."""
    assert calculate("roi", cost="1.5M", benefit="10M").presentation.outputs["roi_multiple"] == "6.7x"


def test_free_text_example_figures(calculate):
    """2 million, 12 incidents at 800k each -> 4.8x ("is it worth it")."""
    shown = calculate("roi", cost="2 million", incidents="12", incident_cost="800k").presentation.outputs
    assert (shown["benefit"], shown["roi_multiple"]) == ("$9.6M", "4.8x")


def test_consistent_benefit_and_incidents_are_accepted(calculate):
    """Benefit given both ways is fine when the two agree."""
    assert calculate("roi", cost="2M", benefit="10M", incidents="10", incident_cost="1M").result.multiple == 5


def test_conflicting_benefit_is_an_error(calculate):
    """benefit=5M beside 10 incidents at 1M each is a conflict, named and explained."""
    with pytest.raises(CommandError) as caught:
        calculate("roi", cost="2M", benefit="5M", incidents="10", incident_cost="1M")
    assert caught.value.field == "benefit" and "disagrees" in caught.value.message and caught.value.example


def test_half_of_the_incident_pair_is_implied(calculate):
    """benefit with incidents implies the cost of one incident."""
    assert calculate("roi", cost="2M", benefit="10M", incidents="10").result.incident_cost == 1_000_000


def test_benefit_below_cost_never_pays_back(calculate):
    """A program worth less than it costs shows a loss and no payback."""
    outcome = calculate("roi", cost="20M", benefit="10M")
    assert outcome.result.payback_months is None
    assert outcome.presentation.outputs["payback"] == "not within a year"
    assert "loses $10M a year" in outcome.presentation.summary


def test_model_rejects_missing_benefit_directly():
    """Used as a library, the input model itself refuses a cost with no benefit."""
    with pytest.raises(CommandError):
        RoiInput(cost=1.0)


def test_pure_function():
    """`roi` is a pure function of its input model."""
    result = roi(RoiInput(cost=1_500_000, benefit=10_000_000))
    assert result.multiple == pytest.approx(10 / 1.5) and result.net_roi == pytest.approx(8.5 / 1.5)
