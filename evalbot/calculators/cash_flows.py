"""Year-by-year cash flows: present value, internal rates of return and payback.

Flows are net amounts, year 0 (today) first, each later one at the end of its year.
"""

from collections.abc import Sequence

import numpy as np

# Rates beyond these are not answers anyone can use, and the polynomial's roots out there are noise.
_LOWEST_RATE = -0.99
_HIGHEST_RATE = 100.0


def present_values(flows: Sequence[float], rate: float) -> list[float]:
    """Each flow in today's money: flow / (1 + rate)^year."""
    return [flow / (1 + rate) ** year for year, flow in enumerate(flows)]


def npv(flows: Sequence[float], rate: float) -> float:
    return sum(present_values(flows, rate))


def sign_changes(flows: Sequence[float]) -> int:
    """How often the flows change sign (zeros skipped): by Descartes' rule, the most IRRs there can be."""
    signs = [flow > 0 for flow in flows if flow != 0]
    return sum(1 for before, after in zip(signs, signs[1:]) if before != after)


def internal_rates(flows: Sequence[float]) -> list[float]:
    """Every rate at which the NPV of `flows` is zero, lowest first (empty when there is none).

    The NPV is a polynomial in 1 / (1 + rate), so its positive real roots are the rates; each
    is polished with a few Newton steps on the NPV itself.
    """
    coefficients = np.array(list(reversed(list(flows))), dtype=float)
    rates = []
    for root in np.roots(coefficients):
        if abs(root.imag) > 1e-7 * max(1.0, abs(root.real)) or root.real <= 0:
            continue
        rate = _polished(flows, 1 / root.real - 1)
        if _LOWEST_RATE < rate < _HIGHEST_RATE and not any(abs(rate - seen) < 1e-7 for seen in rates):
            rates.append(rate)
    return sorted(rates)


def _polished(flows: Sequence[float], rate: float) -> float:
    for _ in range(8):
        value = npv(flows, rate)
        slope = sum(-year * flow / (1 + rate) ** (year + 1) for year, flow in enumerate(flows))
        if slope == 0:
            break
        step = value / slope
        if not np.isfinite(step) or rate - step <= -1:
            break
        rate -= step
        if abs(step) < 1e-13:
            break
    return rate


def payback_years(flows: Sequence[float]) -> float | None:
    """When the running total of `flows` first turns non-negative, in years; None if it never does.

    Within the year it happens, the year's flow is taken to arrive evenly, the usual convention:
    a 1M cost recovered by 300K a year pays back after 3.33 years.
    """
    total = 0.0
    for year, flow in enumerate(flows):
        before, total = total, total + flow
        if total >= 0 and (year == 0 or before < 0):
            return 0.0 if year == 0 else year - 1 + (-before / flow)
    return None


def level_flows(*, upfront: float, net: float, years: int) -> list[float]:
    """The flows of an upfront cost followed by `years` equal net amounts."""
    return [-upfront] + [net] * years
