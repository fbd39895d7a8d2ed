"""A topic question that states figures offers the calculation they start, with the user's own numbers."""

import pytest

from evalbot.core.handlers.offer import calculation_offers, offers_of_command


def test_budget_question_offers_roi_with_the_stated_budget(brain):
    """"justify the 2M eval budget": the budget card, plus `roi cost=2M` and what ROI still needs."""
    reply = brain.answer("is a 2M eval budget normal for a mid-size company?")
    assert reply.intent == "eval-budget"
    [offer] = reply.offers
    assert offer.command == "roi cost=2M"
    assert "`benefit`" in offer.needs[0] and "`incident_cost`" in offer.needs[0]


def test_the_offer_survives_unfolding(brain):
    """The More key carries the offer, so the unfolded answer still offers the same calculation."""
    folded = brain.answer("is a 2M eval budget normal for a mid-size company?")
    assert brain.answer_more(folded.more).offers == folded.offers


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("is a 2M eval budget normal for a mid-size company?", "roi cost=2M"),
        ("how do i sell a 500k upfront build to the cfo", "npv upfront=500K"),
        ("making the case for growing the team from 8 to 15", "team-cost current=8 target=15"),
        ("we spend 2 million a year on evals", 'roi cost="2 million"'),
    ],
)
def test_offers_use_the_figures_as_written(text, command):
    """The offered command is the calculator with each figure the sentence states, in field order."""
    assert [offer.command for offer in calculation_offers(text)] == [command]


@pytest.mark.parametrize(
    "text",
    [
        "how do i pitch the eval budget to the board",
        "can I push for 3-year vesting instead of 4?",
        "should a vp think over 5 years at 8%",
        "roi cost=banana",
    ],
)
def test_no_offer_without_usable_figures(text):
    """No figures, only a horizon or rate (defaults), or a value a calculator refuses: no offer."""
    assert calculation_offers(text) == []


@pytest.mark.parametrize(("command", "offered"), [("roi cost=2M", 1), ("roi cost=-5", 0), ("help", 0), ("", 0)])
def test_offers_of_command_rebuild_only_valid_calculations(command, offered):
    """A command from a More key becomes an offer again only if it is a calculator command with good values."""
    assert len(offers_of_command(command)) == offered
