"""Choosing what a topic answer leads with, from the similarity scores of its points and summary."""

import pytest

from evalbot.core.handlers.lead import LEAD_CHARS, lead_points, more_key, parse_more_key
from evalbot.errors import CommandError

POINTS = ["Plain advice with no figure.", "Vesting runs 4 years; ask for 3.", "Another plain point.", "A fourth point."]


def test_the_clearly_closest_point_leads():
    """One point well above the rest leads alone."""
    assert lead_points(POINTS, scores=[0.0, 0.3, 0.02, 0.0], summary_score=0.1) == (1,)


def test_figures_lead_among_the_chosen_points():
    """Of the points chosen, the one with a figure comes first even when it scores a little lower."""
    assert lead_points(POINTS, scores=[0.2, 0.15, 0.0, 0.0], summary_score=0.05) == (1, 0)


@pytest.mark.parametrize(
    ("scores", "summary_score"),
    [([0.05, 0.04, 0.03, 0.0], 0.0), ([0.2, 0.1, 0.0, 0.0], 0.25), ([0.0, 0.0, 0.0, 0.0], 0.0)],
)
def test_the_summary_leads_when_no_point_stands_out(scores, summary_score):
    """Too weak a match, or a summary that fits the question better, leaves the lead to the summary."""
    assert lead_points(POINTS, scores=scores, summary_score=summary_score) == ()


def test_the_lead_stays_short():
    """Long points stop being added once the lead would pass LEAD_CHARS; the best one always leads."""
    long_points = ["x" * 300, "y" * 300, "z" * 300]
    assert lead_points(long_points, scores=[0.3, 0.29, 0.28], summary_score=0.0) == (0,)
    assert len(long_points[0]) <= LEAD_CHARS


@pytest.mark.parametrize(("lead", "offer"), [((3,), None), ((), None), ((4, 1), "roi cost=2M"), ((), "roi cost=2M")])
def test_more_keys_round_trip(lead, offer):
    """A key carries the intent, the lead and the offered command, and reads back the same."""
    assert parse_more_key(more_key("eval-budget", lead, offer=offer)) == ("eval-budget", lead, offer)


@pytest.mark.parametrize("key", ["", "eval-budget", "#3", "eval-budget#x", "eval-budget#1,,2", "eval-budget#999"])
def test_malformed_more_keys_are_refused(key):
    """A key no answer made is a CommandError, never a crash."""
    with pytest.raises(CommandError):
        parse_more_key(key)
