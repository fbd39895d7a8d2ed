"""Confidence interval (Wilson): the guide's example, correct=K, extremes, conflicts."""

from math import sqrt
from statistics import NormalDist

import pytest

from evalbot.calculators.confidence_interval import IntervalInput, wilson
from evalbot.errors import CommandError


def test_guide_check(calculate):
    """accuracy=92% n=500 confidence=90% -> Wilson 89.8%-93.8% (the spec's "about 89.9%-93.8%")."""
    outcome = calculate("confidence-interval", accuracy="92%", n="500", confidence="90%")
    assert outcome.result.low == pytest.approx(0.89771, abs=1e-5)
    assert outcome.result.high == pytest.approx(0.93777, abs=1e-5)
    assert abs(outcome.result.low - 0.899) < 0.002 and abs(outcome.result.high - 0.938) < 0.002
    assert outcome.presentation.outputs["ci_statement"] == "Accuracy is 92% with 90% confidence (89.8%-93.8% CI)"


def test_matches_the_textbook_formula():
    """The interval is the Wilson score interval with z from statistics.NormalDist."""
    p, n, z = 0.8, 50, NormalDist().inv_cdf(0.975)
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    result = wilson(IntervalInput(accuracy=p, n=n, confidence=0.95))
    assert (result.low, result.high) == pytest.approx((centre - half, centre + half))


def test_correct_count_instead_of_accuracy(calculate):
    """correct=460 n=500 is the same as accuracy=92%."""
    by_count = calculate("confidence-interval", correct="460", n="500")
    assert by_count.presentation.outputs["interval"] == "89.8%-93.8%"


@pytest.mark.parametrize(("accuracy", "inside"), [(0.0, 0.0), (1.0, 1.0)])
def test_extremes_stay_within_zero_and_one(accuracy, inside):
    """At 0% or 100% the interval stays inside 0-100% and includes the observed value."""
    result = wilson(IntervalInput(accuracy=accuracy, n=20, confidence=0.9))
    assert 0.0 <= result.low <= inside <= result.high <= 1.0


def test_more_correct_than_samples_is_an_error(calculate):
    """correct > n is refused, naming `correct`."""
    with pytest.raises(CommandError) as caught:
        calculate("confidence-interval", correct="600", n="500")
    assert caught.value.field == "correct"


def test_accuracy_and_count_that_disagree(calculate):
    """accuracy=50% beside correct=460 of 500 is a conflict."""
    with pytest.raises(CommandError, match="disagrees"):
        calculate("confidence-interval", accuracy="50%", correct="460", n="500")


def test_higher_confidence_is_wider(calculate):
    """99% confidence gives a wider interval than 90%."""
    narrow = calculate("confidence-interval", accuracy="92%", n="500", confidence="90%").result
    wide = calculate("confidence-interval", accuracy="92%", n="500", confidence="99%").result
    assert wide.high - wide.low > narrow.high - narrow.low
