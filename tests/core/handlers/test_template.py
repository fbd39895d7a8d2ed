"""The template handler through the brain: the draft, its figures, its gaps, and escaping."""

import pytest

from evalbot.core.reply import ReplyKind
from evalbot.rendering.json_view import reply_json


def test_budget_pitch_with_figures(brain):
    """The draft states the 5.0x; the figures come as facts; nothing is left to fill in."""
    reply = brain.answer("template budget-pitch cost=2M incidents=10 incident_cost=1M")
    assert (reply.intent, reply.kind) == ("template:budget-pitch", ReplyKind.TEMPLATE)
    assert "5.0x" in reply.draft and "$10M" in reply.draft
    assert {f.label: f.value for f in reply.facts}["ROI (benefit-to-cost)"] == "5.0x"
    assert not any(s.heading == "Still to fill in" for s in reply.sections)
    assert reply.sections[0].text.startswith("Draft ready: *Funding evaluation")


def test_gaps_are_listed_with_how_to_fill_them(brain):
    """Without input, the reply lists each placeholder with its `key=example`, and a full command."""
    reply = brain.answer("template bord-pitch")
    assert reply.intent == "template:board-pitch" and "[annual program cost]" in reply.draft
    gaps = next(s.text for s in reply.sections if s.heading == "Still to fill in")
    assert "[annual program cost]: `cost=1.5M`" in gaps
    assert "[what the program tests for]: `tests_for=\"fairness, safety and performance\"`" in gaps
    assert next(s.text for s in reply.sections if s.heading == "Fill it in").startswith("`template board-pitch cost=")
    assert not reply.facts


@pytest.mark.parametrize(
    ("command", "gaps"),
    [("template bord-pitch", 5), ("template board-pitch cost=1.5M benefit=10M", 1)],
)
def test_a_draft_with_gaps_is_not_called_ready(brain, command, gaps):
    """While placeholders remain, the status counts them instead of saying "Draft ready"."""
    reply = brain.answer(command)
    status = reply.sections[0].text
    assert "Draft ready" not in status
    assert status.startswith(f"Draft with {gaps} gap{'s' if gaps > 1 else ''} to fill in")
    listed = next(s.text for s in reply.sections if s.heading == "Still to fill in")
    assert len(listed.splitlines()) == gaps


def test_bad_template_input_is_an_error_for_the_template(brain):
    """A bad value gets an error reply carrying the template's intent and its example command."""
    reply = brain.answer("template scaling-proposal current=8 target=15 cost_per_head=banana")
    assert (reply.intent, reply.kind) == ("template:scaling-proposal", ReplyKind.ERROR)
    assert reply.problem.field == "cost_per_head" and reply.problem.example.startswith("template scaling-proposal")


@pytest.mark.parametrize("via", ["form", "slack-escaped text"])
def test_channel_ping_and_jinja_stay_inert(brain, via):
    """`<!channel>` is escaped in the JSON text and blocks; `{{ 7*7 }}` stays literal."""
    if via == "form":
        reply = brain.answer_intent("template:early-warning", args={"risk": "<!channel> {{ 7*7 }}"})
    else:  # Slack delivers a typed `<!channel>` as `&lt;!channel&gt;`
        reply = brain.answer('template early-warning risk="&lt;!channel&gt; {{ 7*7 }}"')
    payload = reply_json(reply)
    blocks = str(payload["blocks"])
    assert "&lt;!channel&gt; {{ 7*7 }}" in payload["text"] and "&lt;!channel&gt; {{ 7*7 }}" in blocks
    assert "<!channel>" not in payload["text"] and "<!channel>" not in blocks and "49" not in blocks


def test_template_reads_figures_from_a_sentence(brain):
    """A sentence routed to a calculator template fills in the figures it states."""
    from evalbot.core.handlers.template import answer_template

    template = brain.knowledge.get("template:budget-pitch")
    reply = answer_template(template, args={}, text="we spend 2M and prevent 10 incidents at 1M each",
                            knowledge=brain.knowledge, confidence=0.5)
    assert "5.0x" in reply.draft


def test_a_calculator_template_says_what_it_still_needs_and_fills_its_example_with_the_users_figures(brain):
    """`template budget-pitch cost=2M`: the calculation knows the cost and asks for the benefit next;
    the "Fill it in" command keeps the user's cost."""
    reply = brain.answer("template budget-pitch cost=2M")
    assert (reply.calculation.calculator, reply.calculation.known, reply.calculation.asking) == (
        "roi", {"cost": "2M"}, "benefit")
    fill = next(s.text for s in reply.sections if s.heading == "Fill it in")
    assert fill.startswith("`template budget-pitch cost=2M ")


def test_a_template_without_a_calculator_has_no_calculation(brain):
    """A template no calculator fills carries no calculation state."""
    assert brain.answer("template early-warning").calculation is None
