"""Figures formatted for executives."""

import pytest

from evalbot.calculators import format as fmt


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (10_000_000, "$10M"), (1_200_000, "$1.2M"), (750_000, "$750K"), (2_000_000, "$2M"),
        (1_001_000, "$1.0M"), (11_685_600.4, "$11.69M"), (999_999, "$1.0M"), (143_500, "$143.5K"),
        (750, "$750"), (0.5, "$0.50"), (-500_000, "-$500K"), (10**13, "$10T"), (0, "$0"), (3.2e9, "$3.2B"),
    ],
)
def test_money(value, shown):
    """Exact amounts read briefly; rounded ones keep a decimal so the rounding shows."""
    assert fmt.money(value) == shown


@pytest.mark.parametrize(("value", "shown"), [(5, "5.0x"), (20 / 3, "6.7x"), (4.8, "4.8x"), (1234.56, "1,234.6x")])
def test_multiple(value, shown):
    """Multiples carry one decimal, as in the guide's "5x" stated precisely."""
    assert fmt.multiple(value) == shown


@pytest.mark.parametrize(
    ("fraction", "decimals", "shown"),
    [(0.92, 2, "92%"), (0.915, 2, "91.5%"), (0.1, 2, "10%"), (4.0, 0, "400%"), (5.6667, 0, "567%"), (0, 2, "0%")],
)
def test_percent(fraction, decimals, shown):
    """Percentages drop trailing zeros."""
    assert fmt.percent(fraction, decimals=decimals) == shown


def test_interval_and_months():
    """Intervals have one decimal at each end; payback is in months."""
    assert fmt.interval(0.8977, 0.9378) == "89.8%-93.8%"
    assert fmt.months(2.4) == "2.4 months"
    assert fmt.months(0.01) == "under 0.1 months"
    assert fmt.number(0.5) == "0.5" and fmt.number(1200) == "1,200"
