"""Team cost: the guide's 8 -> 15 example, shrinking, and no change."""

import pytest


def test_guide_check(calculate):
    """current=8 target=15 cost_per_head=143K -> about $1.0M more a year."""
    outcome = calculate("team-cost", current="8", target="15", cost_per_head="143K")
    assert outcome.result.added_cost == pytest.approx(1_001_000)
    assert outcome.presentation.outputs["added_cost"] == "$1.0M"
    assert outcome.presentation.outputs["new_total"] == "$2.15M"
    assert "$1.0M more a year" in outcome.presentation.summary


def test_shrinking_is_a_saving(calculate):
    """A target below the current headcount is allowed and phrased as a saving."""
    outcome = calculate("team-cost", current="10", target="7", cost_per_head="150K")
    assert outcome.result.added_cost == -450_000
    assert "saves about *$450K a year*" in outcome.presentation.summary
    assert "what the growth buys" not in outcome.presentation.summary


def test_no_change(calculate):
    """The same headcount costs nothing extra."""
    outcome = calculate("team-cost", current="6", target="6", cost_per_head="150K")
    assert outcome.result.added_cost == 0 and "does not change" in outcome.presentation.summary


def test_staffing_from_zero(calculate):
    """current=0 is a new team: the added cost is the whole team."""
    assert calculate("team-cost", current="0", target="6", cost_per_head="200K").result.added_cost == 1_200_000
