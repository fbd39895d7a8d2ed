"""The terminal rendering: the lead, the offer's "Try:" line, a rule, then the rest of the card."""

import pytest

from evalbot.core.reply import Offer, Reply, ReplyKind, Section
from evalbot.rendering.plain_text import RULE, render_text


def test_lead_then_try_then_rule_then_the_rest(brain):
    """The budget question prints its lead, `Try: roi cost=2M`, a rule, then the card, in that order."""
    text = render_text(brain.answer("is a 2M eval budget normal for a mid-size company?"), width=100)
    lead, rule, rest = text.partition(RULE * 60)
    assert rule and "$1.2M-2M+" in lead and "Try: roi cost=2M (still needed: benefit" in lead
    assert "What the guide does not give:" in rest and "Related: " in rest
    assert "*" not in text and "`" not in text


def test_answers_without_a_lead_have_no_rule(brain):
    """A calculator answer (no lead) prints as before, with no rule."""
    assert RULE not in render_text(brain.answer("roi cost=2M benefit=10M"), width=80)


@pytest.mark.parametrize("width", [40, 60, 100])
def test_every_line_fits_the_width(brain, width):
    """Lead, Try line, rule, sections and Related all wrap to the width given."""
    text = render_text(brain.answer("is a 2M eval budget normal for a mid-size company?"), width=width)
    assert max(len(line) for line in text.splitlines()) <= width


def test_related_lines_wrap_instead_of_running_on():
    """A long Related list wraps with a hanging indent."""
    from evalbot.core.reply import Choice

    reply = Reply(intent="x", kind=ReplyKind.TOPIC, confidence=1.0, title="T", sections=[Section(text="s")],
                  related=[Choice(intent=f"topic-{i}", label="A fairly long related topic title") for i in range(8)])
    lines = render_text(reply, width=50).splitlines()
    related = lines[lines.index(next(line for line in lines if line.startswith("Related: "))):]
    assert len(related) > 3 and all(line.startswith("  ") for line in related[1:])


def test_offer_without_needs_is_just_the_command():
    """A complete offered command prints alone on its Try line."""
    reply = Reply(intent="x", kind=ReplyKind.TOPIC, confidence=1.0, title="T", lead="Lead.",
                  offers=[Offer(command="roi cost=2M benefit=10M")])
    assert "Try: roi cost=2M benefit=10M\n" in render_text(reply, width=80)
