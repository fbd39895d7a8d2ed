"""The explicit grammar: tool words, key=value inputs, typo-tolerant names."""

import pytest

from evalbot.errors import CommandError
from evalbot.routing.grammar import Tool, parse_command


@pytest.mark.parametrize(
    ("text", "tool", "name", "args"),
    [
        ("roi cost=2M incidents=10 incident_cost=1M", Tool.CALCULATOR, "roi", {"cost": "2M", "incidents": "10", "incident_cost": "1M"}),
        ("ROI cost=2M", Tool.CALCULATOR, "roi", {"cost": "2M"}),
        ("ci accuracy=92% n=500", Tool.CALCULATOR, "confidence-interval", {"accuracy": "92%", "n": "500"}),
        ("npv", Tool.CALCULATOR, "npv", {}),
        ('team-cost current=8 target=15 cost-per-head="143 K"', Tool.CALCULATOR, "team-cost", {"current": "8", "target": "15", "cost_per_head": "143 K"}),
        ("template bord-pitch cost=1.5M", Tool.TEMPLATE, "bord-pitch", {"cost": "1.5M"}),
        ("templte monthly update", Tool.TEMPLATE, "monthly update", {}),
        ("checklist negotiation", Tool.CHECKLIST, "negotiation", {}),
        ("checklist", Tool.CHECKLIST, None, {}),
        ("help", Tool.HELP, None, {}),
        ("topics", Tool.TOPICS, None, {}),
    ],
)
def test_commands_parse(text, tool, name, args):
    """Each tool word yields its command, name and inputs."""
    command = parse_command(text)
    assert command is not None
    assert (command.tool, command.name, command.args) == (tool, name, args)


@pytest.mark.parametrize(
    "text",
    ["roi of eval is hard to explain to my cfo", "help me negotiate equity", "how do I pitch the board", "", "draft a monthly update"],
)
def test_prose_is_left_to_the_matcher(text):
    """Sentences that merely start with a tool word are not commands."""
    assert parse_command(text) is None


def test_conflicting_values_name_the_field():
    """One key given two values is a clear error naming that key."""
    with pytest.raises(CommandError) as caught:
        parse_command("roi cost=2M cost=3M")
    assert caught.value.field == "cost" and caught.value.example


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("bord-pitch", "template:board-pitch"),
        ("board pitch", "template:board-pitch"),
        ("the budget pitch", "template:budget-pitch"),
        ("monthy-update", "template:monthly-update"),
        ("early warning", "template:early-warning"),
    ],
)
def test_template_names_are_typo_tolerant(brain, typed, expected):
    """`template NAME` finds the template despite typos and filler words."""
    assert brain.answer(f"template {typed}").intent == expected


def test_unknown_template_lists_the_real_ones(brain):
    """An unknown template name gets a clear error that lists what exists."""
    reply = brain.answer("template quarterly-horoscope")
    assert reply.problem is not None and reply.problem.field == "name"
    assert "board-pitch" in reply.problem.message


def test_checklist_names_are_typo_tolerant(brain):
    """`checklist negotation` finds the negotiation checklist."""
    assert brain.answer("checklist negotation").intent == "checklist:negotiation"


@pytest.mark.parametrize(
    ("text", "rest"),
    [("npv upfront 500k cost 100k benefit 5M years 5 rate 8%", "upfront 500k cost 100k benefit 5M years 5 rate 8%"),
     ("roi cost=2M and we save 9M", "and we save 9M")],
)
def test_a_calculator_word_with_figures_is_a_command(text, rest):
    """Key words without `=` still pick the calculator; the words are kept for the figure reader."""
    command = parse_command(text)
    assert (command.tool, command.rest) == (Tool.CALCULATOR, rest)
