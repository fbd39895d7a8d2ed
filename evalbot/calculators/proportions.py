"""The statistics of eval results: comparisons, exact paired tests, zero-failure bounds and planning.

Only the standard library (`statistics.NormalDist`, `math`). Each formula is the textbook one and
is cross-checked in the tests against statsmodels and scipy on thousands of random cases.
"""

import math
from statistics import NormalDist

from evalbot.stats import wilson_interval

_NORMAL = NormalDist()


def z_two_sided(confidence: float) -> float:
    """The normal quantile for a two-sided `confidence` (0.95 -> 1.96)."""
    return _NORMAL.inv_cdf(0.5 + confidence / 2)


def newcombe_interval(x1: float, n1: int, x2: float, n2: int, *, confidence: float) -> tuple[float, float]:
    """Newcombe's hybrid score interval (his method 10) for p1 - p2, from the two Wilson intervals."""
    p1, p2 = x1 / n1, x2 / n2
    low1, high1 = wilson_interval(x1, n1, confidence=confidence)
    low2, high2 = wilson_interval(x2, n2, confidence=confidence)
    difference = p1 - p2
    return (difference - math.hypot(p1 - low1, high2 - p2), difference + math.hypot(high1 - p1, p2 - low2))


def score_test(x1: float, n1: int, x2: float, n2: int) -> float:
    """Two-sided p-value of the two-proportion score test (the pooled z-test, chi-square without correction)."""
    pooled = (x1 + x2) / (n1 + n2)
    spread = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
    if spread <= 0:
        return 1.0  # both results are 0% or both 100%: no difference to test
    z = (x1 / n1 - x2 / n2) / math.sqrt(spread)
    return min(1.0, 2 * _NORMAL.cdf(-abs(z)))


def mcnemar_exact(fixed: int, broke: int) -> float:
    """McNemar's exact test: the two-sided binomial test of `fixed` against `broke` at one half.

    Summed in log space from the observed tail inwards, stopping once terms no longer count,
    so a million discordant cases cost milliseconds.
    """
    total, smaller = fixed + broke, min(fixed, broke)
    if total == 0:
        return 1.0
    log_half = total * math.log(0.5)
    log_terms, k = [], smaller
    while k >= 0:
        term = math.lgamma(total + 1) - math.lgamma(k + 1) - math.lgamma(total - k + 1) + log_half
        log_terms.append(term)
        if term < log_terms[0] - 40:  # e^-40: nothing further down the tail can change the sum
            break
        k -= 1
    peak = max(log_terms)
    tail = math.exp(peak) * sum(math.exp(t - peak) for t in log_terms)
    return min(1.0, 2 * tail)


def tango_interval(fixed: int, broke: int, n: int, *, confidence: float) -> tuple[float, float]:
    """Tango's score interval for a paired difference (fixed - broke) / n; needs only the discordant counts.

    The interval is every difference whose score statistic stays within the normal quantile;
    each end is found by bisection, since the statistic falls steadily as the difference grows.
    """
    z = z_two_sided(confidence)

    def statistic(delta: float) -> float:
        a = 2 * n
        b = -fixed - broke + (2 * n - fixed + broke) * delta
        c = -broke * delta * (1 - delta)
        p21 = (math.sqrt(max(0.0, b * b - 4 * a * c)) - b) / (2 * a)
        variance = n * (2 * p21 + delta * (1 - delta))
        numerator = fixed - broke - n * delta
        return numerator / math.sqrt(variance) if variance > 0 else math.copysign(math.inf, numerator or 1)

    estimate = (fixed - broke) / n

    def edge(inside: float, outside: float, target: float) -> float:
        for _ in range(80):
            middle = (inside + outside) / 2
            if (statistic(middle) - target) * (statistic(inside) - target) > 0:
                inside = middle
            else:
                outside = middle
        return (inside + outside) / 2

    low = -1.0 if statistic(-1.0) <= z else edge(estimate, -1.0, z)
    high = 1.0 if statistic(1.0) >= -z else edge(estimate, 1.0, -z)
    return low, high


def zero_event_bound(n: int, *, confidence: float = 0.95) -> float:
    """The exact one-sided upper bound on a rate seen 0 times in `n` trials: 1 - (1 - confidence)^(1/n)."""
    return 1 - (1 - confidence) ** (1 / n)


def design_effect(cluster_size: float, icc: float) -> float:
    """Kish's design effect for clusters of equal size: 1 + (m - 1) * ICC."""
    return 1 + (cluster_size - 1) * icc


def cases_for_margin(accuracy: float, margin: float, *, confidence: float) -> float:
    """Cases so that the normal interval's half-width is `margin`: z^2 p (1 - p) / margin^2 (not rounded)."""
    return z_two_sided(confidence) ** 2 * accuracy * (1 - accuracy) / margin**2


def margin_for_cases(accuracy: float, n: float, *, confidence: float) -> float:
    """The half-width that `n` cases give: z sqrt(p (1 - p) / n)."""
    return z_two_sided(confidence) * math.sqrt(accuracy * (1 - accuracy) / n)


def cases_per_group(baseline: float, other: float, *, confidence: float, power: float) -> float:
    """Cases per system for a two-sided two-proportion test to detect `baseline` vs `other` (not rounded).

    The usual normal approximation: the null spread from the pooled rate, the alternative's from each.
    """
    pooled = (baseline + other) / 2
    null = math.sqrt(2 * pooled * (1 - pooled))
    alternative = math.sqrt(baseline * (1 - baseline) + other * (1 - other))
    needed = z_two_sided(confidence) * null + _NORMAL.inv_cdf(power) * alternative
    return (needed / (baseline - other)) ** 2


def detectable_difference(baseline: float, n: float, *, confidence: float, power: float) -> float:
    """The smallest difference (towards 50%) that `n` cases per system detect with `power`, by bisection."""
    toward = -1 if baseline > 0.5 else 1
    limit = baseline if toward < 0 else 1 - baseline
    low, high = 1e-9, limit
    if cases_per_group(baseline, baseline + toward * high, confidence=confidence, power=power) > n:
        return math.nan  # not even the largest possible difference is detectable
    for _ in range(80):
        middle = (low + high) / 2
        if cases_per_group(baseline, baseline + toward * middle, confidence=confidence, power=power) > n:
            low = middle
        else:
            high = middle
    return high
