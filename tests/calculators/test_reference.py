"""Every formula against a well-kept reference implementation, on at least 1,000 seeded random cases each.

References (test-only dependencies): statsmodels for proportions, power and McNemar; scipy for the
binomial bound; numpy-financial for NPV and IRR. Tolerances are stated per test.
"""

import math
import random

import numpy as np
import numpy_financial as npf
import pytest
from scipy import stats as scipy_stats
from statsmodels.stats.contingency_tables import mcnemar
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    proportion_confint,
    proportions_ztest,
    samplesize_confint_proportion,
    samplesize_proportions_2indep_onetail,
)

from evalbot.calculators import cash_flows, proportions
from evalbot.stats import wilson_interval

CASES = 1_000


def _rng(name: str) -> random.Random:
    return random.Random(f"evalbot-reference-{name}")


def _confidence(rng: random.Random) -> float:
    return rng.choice([0.8, 0.9, 0.95, 0.99])


def test_wilson_interval_matches_statsmodels():
    """Wilson: both ends within 1e-9 of statsmodels' proportion_confint(method="wilson")."""
    rng = _rng("wilson")
    for _ in range(CASES):
        n = rng.randint(1, 5_000)
        x, conf = rng.randint(0, n), _confidence(rng)
        ours = wilson_interval(x, n, confidence=conf)
        reference = proportion_confint(x, n, alpha=1 - conf, method="wilson")
        assert ours == pytest.approx(reference, abs=1e-9)


def test_newcombe_interval_matches_statsmodels():
    """Newcombe's hybrid score interval: both ends within 1e-9 of confint_proportions_2indep(method="newcomb")."""
    rng = _rng("newcombe")
    for _ in range(CASES):
        n1, n2 = rng.randint(1, 3_000), rng.randint(1, 3_000)
        x1, x2, conf = rng.randint(0, n1), rng.randint(0, n2), _confidence(rng)
        ours = proportions.newcombe_interval(x1, n1, x2, n2, confidence=conf)
        reference = confint_proportions_2indep(x1, n1, x2, n2, method="newcomb", compare="diff", alpha=1 - conf)
        assert ours == pytest.approx(reference, abs=1e-9)


def test_score_test_matches_statsmodels_pooled_z_test():
    """Two-proportion score test: the p-value within 1e-9 of proportions_ztest (pooled variance)."""
    rng = _rng("score")
    for _ in range(CASES):
        n1, n2 = rng.randint(2, 3_000), rng.randint(2, 3_000)
        x1, x2 = rng.randint(1, n1 - 1), rng.randint(1, n2 - 1)
        _, reference = proportions_ztest([x1, x2], [n1, n2])
        assert proportions.score_test(x1, n1, x2, n2) == pytest.approx(reference, abs=1e-9)


def test_mcnemar_exact_matches_statsmodels():
    """McNemar's exact test: the p-value within 1e-9 (relative 1e-7 for tiny ones) of statsmodels' exact mcnemar."""
    rng = _rng("mcnemar")
    for _ in range(CASES):
        fixed, broke = rng.randint(0, rng.choice([10, 100, 2_000])), rng.randint(0, rng.choice([10, 100, 2_000]))
        reference = mcnemar([[5, fixed], [broke, 5]], exact=True).pvalue
        assert proportions.mcnemar_exact(fixed, broke) == pytest.approx(reference, rel=1e-7, abs=1e-9)


def test_zero_event_bound_matches_the_exact_binomial_bound():
    """0 events in n: 1 - (1 - c)^(1/n) within 1e-9 of scipy's one-sided Clopper-Pearson bound; 3/n is near it."""
    rng = _rng("zero")
    for _ in range(CASES):
        n, conf = rng.randint(1, 100_000), _confidence(rng)
        reference = scipy_stats.beta.ppf(conf, 1, n)
        assert proportions.zero_event_bound(n, confidence=conf) == pytest.approx(reference, abs=1e-9)
        if conf == 0.95 and n >= 30:
            assert 3 / n == pytest.approx(reference, rel=0.05)  # the rule of three, within 5%


def test_cases_for_margin_matches_statsmodels():
    """Cases for a margin: within 1e-6 (relative) of samplesize_confint_proportion."""
    rng = _rng("margin")
    for _ in range(CASES):
        p, margin, conf = rng.uniform(0.01, 0.99), rng.uniform(0.002, 0.2), _confidence(rng)
        reference = samplesize_confint_proportion(p, margin, alpha=1 - conf)
        assert proportions.cases_for_margin(p, margin, confidence=conf) == pytest.approx(reference, rel=1e-6)


def test_cases_per_group_matches_statsmodels():
    """Cases per system for a difference: within 1e-6 (relative) of samplesize_proportions_2indep_onetail."""
    rng = _rng("power")
    for _ in range(CASES):
        baseline = rng.uniform(0.05, 0.95)
        other = rng.uniform(0.02, 0.98)
        if abs(other - baseline) < 0.005:
            continue
        conf, power = _confidence(rng), rng.choice([0.7, 0.8, 0.9, 0.95])
        reference = samplesize_proportions_2indep_onetail(other - baseline, baseline, power, alpha=1 - conf)
        ours = proportions.cases_per_group(baseline, other, confidence=conf, power=power)
        assert ours == pytest.approx(reference, rel=1e-6)


def test_detectable_difference_inverts_the_sample_size():
    """The smallest detectable difference for n cases needs n cases again (within 0.1%)."""
    rng = _rng("mdd")
    for _ in range(CASES):
        baseline, n = rng.uniform(0.05, 0.95), rng.randint(50, 100_000)
        difference = proportions.detectable_difference(baseline, n, confidence=0.95, power=0.8)
        if math.isnan(difference):
            continue
        toward = -1 if baseline > 0.5 else 1
        again = proportions.cases_per_group(baseline, baseline + toward * difference, confidence=0.95, power=0.8)
        assert again == pytest.approx(n, rel=1e-3)


def test_tango_interval_holds_the_estimate_and_meets_wald_for_large_counts():
    """Tango's paired interval contains the estimate, stays in -1..1, and is within 0.5 points of Wald at large n."""
    rng = _rng("tango")
    for _ in range(CASES):
        n = rng.randint(20, 20_000)
        fixed = rng.randint(0, n // 4)
        broke = rng.randint(0, n // 4)
        conf = _confidence(rng)
        low, high = proportions.tango_interval(fixed, broke, n, confidence=conf)
        estimate = (fixed - broke) / n
        assert -1 <= low <= estimate <= high <= 1
        if fixed >= 200 and broke >= 200:
            z = proportions.z_two_sided(conf)
            spread = z * math.sqrt(fixed + broke - (fixed - broke) ** 2 / n) / n
            assert (low, high) == pytest.approx((estimate - spread, estimate + spread), abs=0.005)


def test_tango_interval_covers_the_true_difference():
    """Simulated: the 95% interval covers the true paired difference in 93-97% of 2,000 seeded trials."""
    rng = np.random.default_rng(17)
    covered, trials = 0, 2_000
    for _ in range(trials):
        n = int(rng.integers(100, 1_000))
        p_fixed, p_broke = rng.uniform(0.01, 0.15), rng.uniform(0.01, 0.15)
        fixed, broke, _ = rng.multinomial(n, [p_fixed, p_broke, 1 - p_fixed - p_broke])
        low, high = proportions.tango_interval(int(fixed), int(broke), n, confidence=0.95)
        covered += low <= p_fixed - p_broke <= high
    assert 0.93 <= covered / trials <= 0.97


def test_npv_matches_numpy_financial():
    """NPV of year-0-first flows: within 1e-9 (relative) of npf.npv."""
    rng = _rng("npv")
    for _ in range(CASES):
        flows = [rng.uniform(-1e6, 1e6) for _ in range(rng.randint(2, 30))]
        rate = rng.uniform(0, 0.5)
        assert cash_flows.npv(flows, rate) == pytest.approx(npf.npv(rate, flows), rel=1e-9, abs=1e-6)


def test_irr_matches_numpy_financial():
    """IRR of an outlay followed by inflows (one sign change, one IRR): within 1e-7 of npf.irr."""
    rng = _rng("irr")
    checked = 0
    while checked < CASES:
        flows = [-rng.uniform(1e3, 1e7)] + [rng.uniform(0, 5e6) for _ in range(rng.randint(1, 20))]
        reference = npf.irr(flows)
        if not np.isfinite(reference) or not -0.9 < reference < 10:
            continue
        assert cash_flows.internal_rates(flows) == [pytest.approx(reference, abs=1e-7)]
        checked += 1


def test_every_irr_makes_the_npv_zero():
    """Flows with several sign changes: each IRR found zeroes the NPV, to 1e-9 of the flows' discounted size."""
    rng = _rng("irr-many")
    for _ in range(CASES):
        flows = [rng.uniform(-1e6, 1e6) for _ in range(rng.randint(2, 12))]
        for rate in cash_flows.internal_rates(flows):
            scale = sum(abs(value) for value in cash_flows.present_values(flows, rate))
            assert abs(cash_flows.npv(flows, rate)) <= 1e-9 * scale


def test_payback_matches_a_cumulative_sum():
    """Payback: the first crossing of numpy's cumulative sum, interpolated within the year, within 1e-9."""
    rng = _rng("payback")
    for _ in range(CASES):
        flows = [-rng.uniform(1e3, 1e6)] + [rng.uniform(-1e5, 5e5) for _ in range(rng.randint(1, 20))]
        totals = np.cumsum(flows)
        crossed = np.nonzero(totals >= 0)[0]
        ours = cash_flows.payback_years(flows)
        if crossed.size == 0:
            assert ours is None
            continue
        year = int(crossed[0])
        expected = year - 1 + (-totals[year - 1]) / flows[year]
        assert ours == pytest.approx(expected, abs=1e-9)
