"""The sanity thresholds in code are the ones the calculator cards document."""

import pytest

from evalbot.calculators import confidence_interval, npv, roi, team_cost
from evalbot.calculators import format as fmt


@pytest.mark.parametrize(
    ("calculator", "documented"),
    [
        ("roi", [f"{roi.HIGH_MULTIPLE}x", fmt.money(roi.LOW_COST), fmt.money(roi.HIGH_MONEY),
                 f"{roi.MANY_INCIDENTS:,}"]),
        ("npv", [fmt.percent(npv.HIGH_RATE), f"{npv.LONG_HORIZON} years", fmt.money(npv.LOW_AMOUNT),
                 fmt.money(npv.HIGH_MONEY)]),
        ("team-cost", [f"{team_cost.LARGE_TEAM:,}", fmt.money(team_cost.LOW_COST_PER_HEAD),
                       fmt.money(team_cost.HIGH_COST_PER_HEAD)]),
        ("confidence-interval", [f"{confidence_interval.SMALL_SAMPLE} samples",
                                 fmt.percent(confidence_interval.LOW_CONFIDENCE)]),
    ],
)
def test_card_documents_every_threshold(brain, calculator, documented):
    """Each threshold that triggers a note is written in the calculator card's `checks`."""
    checks = " ".join(brain.knowledge.get(calculator).checks)
    assert all(text in checks for text in documented), (documented, checks)
