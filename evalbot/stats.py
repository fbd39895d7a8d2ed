"""Small statistics shared by the confidence-interval calculator and routing self-evaluation."""

import math
from statistics import NormalDist


def wilson_interval(successes: float, n: int, *, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for a proportion `successes / n`, as (low, high) fractions.

    Args:
        successes: observed successes (may be fractional, e.g. accuracy * n).
        n: trials, at least 1.
        confidence: two-sided confidence level in (0, 1).
    """
    if n < 1:
        raise ValueError("n must be at least 1")
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)
