"""NPV: the guide's memo example, defaults, payback and the year-by-year table."""

import pytest

from evalbot.calculators.npv import NpvInput, npv


def test_guide_check(calculate):
    """upfront=500K cost=100K benefit=5M years=3 rate=10% -> about $11.69M."""
    outcome = calculate("npv", upfront="500K", cost="100K", benefit="5M", years="3", rate="10%")
    assert outcome.result.npv == pytest.approx(11_685_574, abs=1)
    assert outcome.presentation.outputs["npv"] == "$11.69M"
    assert outcome.presentation.outputs["undiscounted_net"] == "$14.2M"
    assert outcome.presentation.outputs["payback_year"] == "year 1"


def test_defaults_are_three_years_at_ten_percent_and_no_upfront(calculate):
    """Without upfront, years and rate: $0, 3 years, 10%."""
    outcome = calculate("npv", cost="100K", benefit="5M")
    assert outcome.values["upfront"] == 0 and outcome.values["years"] == 3 and outcome.values["rate"] == pytest.approx(0.1)
    assert outcome.result.npv == pytest.approx(4_900_000 * (1 / 1.1 + 1 / 1.21 + 1 / 1.331))


def test_table_has_year_zero_and_each_year():
    """The table starts with the upfront cost at year 0 and ends at the horizon."""
    result = npv(NpvInput(upfront=500_000, cost=100_000, benefit=5_000_000, years=3, rate=0.1))
    assert [row.year for row in result.table] == [0, 1, 2, 3]
    assert result.table[0].present_value == -500_000
    assert result.table[-1].cumulative == pytest.approx(result.npv)


def test_zero_rate_equals_undiscounted():
    """At a 0% rate the NPV is the plain sum."""
    result = npv(NpvInput(upfront=1_000_000, cost=100_000, benefit=600_000, years=4, rate=0))
    assert result.npv == pytest.approx(result.undiscounted_net) == pytest.approx(1_000_000)
    assert result.payback_year == 2


def test_never_pays_back(calculate):
    """Benefit below running cost: negative NPV and no payback year."""
    outcome = calculate("npv", upfront="1M", cost="500K", benefit="100K", years="5")
    assert outcome.result.npv < 0 and outcome.result.payback_year is None
    assert outcome.presentation.outputs["payback_year"] == "not within 5 years"
    assert "not worth doing" in outcome.presentation.summary


def test_no_payback_is_worded_plainly(calculate):
    """A case that never pays back says so in a sentence, not "pays back in not within"."""
    summary = calculate("npv", upfront="5M", cost="100K", benefit="200K", years="3").presentation.summary
    assert "It does not pay back within 3 years." in summary and "in not within" not in summary


def test_the_article_follows_the_spoken_rate(calculate):
    """"an 8% discount rate", "a 10% discount rate"."""
    assert "at an 8% discount rate" in calculate("npv", cost="1K", benefit="2K", rate="8%").presentation.summary
    assert "at a 10% discount rate" in calculate("npv", cost="1K", benefit="2K").presentation.summary
