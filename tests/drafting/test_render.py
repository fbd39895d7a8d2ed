"""Rendering drafts: values as data, calculator figures filled in, visible placeholders, strictness."""

from pathlib import Path

import pytest
from jinja2 import TemplateSyntaxError, UndefinedError

from evalbot.drafting import render_draft
from evalbot.drafting.environment import Placeholder, build_environment, compile_body
from evalbot.drafting.values import example_command
from evalbot.errors import CommandError, KnowledgeError
from evalbot.inputs.pairs import split_pairs


def test_budget_pitch_states_the_roi(templates):
    """template budget-pitch cost=2M incidents=10 incident_cost=1M states the 5.0x and $10M."""
    draft = render_draft(templates["template:budget-pitch"], args={"cost": "2M", "incidents": "10", "incident_cost": "1M"})
    assert "5.0x" in draft.text and "$10M" in draft.text and "$2M" in draft.text
    assert draft.outcome is not None and draft.placeholders == []


def test_board_pitch_uses_the_given_benefit(templates):
    """With benefit given directly the board pitch states 6.7x."""
    draft = render_draft(templates["template:board-pitch"], args={"cost": "1.5M", "benefit": "10M"})
    assert "6.7x" in draft.text and "[what the program tests for]" in draft.text


def test_missing_fields_are_visible_placeholders(templates):
    """With no input every gap reads like `[annual program cost]`, never an empty space."""
    draft = render_draft(templates["template:budget-pitch"], args={})
    assert "[annual program cost]" in draft.text and "[ROI (benefit-to-cost)]" in draft.text
    assert "[]" not in draft.text and "about ." not in draft.text
    assert ("cost", "annual program cost") in draft.placeholders


def test_benefit_alone_skips_the_incident_sentence(templates):
    """Given benefit but no incidents, the pitch does not leave incident placeholders behind."""
    draft = render_draft(templates["template:budget-pitch"], args={"cost": "2M", "benefit": "10M"})
    assert "[" not in draft.text and "5.0x" in draft.text


def test_calculator_inputs_from_prose(templates):
    """A template that names a calculator reads its figures from the user's sentence too."""
    draft = render_draft(templates["template:budget-pitch"], args={},
                         text="draft a pitch, we spend 2M and prevent 10 incidents at 1M each")
    assert "5.0x" in draft.text


def test_typed_pairs_win_over_prose(templates):
    """`key=value` input overrides a figure read from the sentence."""
    draft = render_draft(templates["template:budget-pitch"], args={"cost": "5M"},
                         text="we spend 2M and prevent 10 incidents at 1M each")
    assert "2.0x" in draft.text


@pytest.mark.parametrize("value", ["{{ 7*7 }}", "{% for x in range(3) %}x{% endfor %}", "<!channel> & <@U123>"])
def test_user_values_are_never_templates(templates, value):
    """User text is data: Jinja syntax stays literal, and nothing is escaped here (the renderer escapes)."""
    draft = render_draft(templates["template:early-warning"], args={"risk": value})
    assert value in draft.text and "49" not in draft.text


def test_typed_fields_are_parsed_and_formatted(templates):
    """A money field in a non-calculator position is still parsed: 1.2mm shows as $1.2M."""
    draft = render_draft(templates["template:exec-update"], args={"upfront": "1.2mm", "evals_per_month": "1,500"})
    assert "$1.2M to build" in draft.text and "1,500 evals" in draft.text


@pytest.mark.parametrize(
    ("args", "field"),
    [({"cost": "banana"}, "cost"), ({"cost": "-5M"}, "cost"), ({"costt": "2M"}, "costt"),
     ({"incidents": "10", "incident_cost": "1M", "benefit": "3M", "cost": "1M"}, "benefit")],
)
def test_bad_template_input_is_our_error(templates, args, field):
    """Bad values, unknown keys and conflicts raise CommandError naming the field."""
    with pytest.raises(CommandError) as caught:
        render_draft(templates["template:budget-pitch"], args=args)
    assert caught.value.field == field and caught.value.example.startswith("template budget-pitch")


def test_overlong_text_is_refused(templates):
    """A text field over 1,000 characters is refused rather than flooding the draft."""
    with pytest.raises(CommandError, match="keep it under"):
        render_draft(templates["template:early-warning"], args={"risk": "x" * 1001})


def test_broken_template_names_its_file(make_template):
    """A template error is re-raised as a KnowledgeError naming the file, chained from Jinja2's."""
    template = make_template("Risk: {{ risk.missing_attribute }}")
    with pytest.raises(KnowledgeError) as caught:
        render_draft(template, args={"risk": "x"}, origin=Path("/kb/templates/probe.yaml"))
    assert "/kb/templates/probe.yaml" in str(caught.value)
    assert isinstance(caught.value.__cause__, UndefinedError)


def test_undeclared_variable_is_strict(make_template):
    """StrictUndefined: a variable nobody declared is an error, not an empty gap."""
    with pytest.raises(KnowledgeError):
        render_draft(make_template("{{ risk }} {{ nobody }}"), args={})


def test_environment_is_built_once_and_strict():
    """One cached environment: StrictUndefined, no autoescape, sandboxed."""
    env = build_environment()
    assert env is build_environment() and env.autoescape is False
    with pytest.raises(UndefinedError):
        env.from_string("{{ x }}").render()
    with pytest.raises(TemplateSyntaxError):
        compile_body("{% if %}")


def test_sandbox_blocks_internals(make_template):
    """An overlay template cannot reach Python internals through a value."""
    template = make_template("{{ risk.__class__.__mro__ }}")
    with pytest.raises(KnowledgeError):
        render_draft(template, args={"risk": "x"})


def test_placeholder_is_recognisable():
    """Placeholders are strings with a marker type, so `is filled` can tell them apart."""
    assert Placeholder.of("the risk") == "[the risk]"
    assert compile_body("{{ 'yes' if x is filled else 'no' }}").render(x=Placeholder.of("x")) == "no"


@pytest.mark.parametrize(
    "template_id",
    ["template:budget-pitch", "template:board-pitch", "template:exec-update", "template:monthly-update",
     "template:early-warning", "template:promotion-case", "template:scaling-proposal", "template:eval-result"],
)
def test_every_template_renders_fully_from_its_examples(templates, template_id):
    """Each shipped template, given every field's example, has no placeholders left."""
    template = templates[template_id]
    draft = render_draft(template, args=split_pairs(example_command(template)).pairs)
    assert draft.placeholders == [] and "[" not in draft.text


def test_guide_figures_in_calculator_templates(templates):
    """Scaling proposal: about $1.0M more a year; eval result: the guide-style statement; exec update: $11.69M."""
    scaling = render_draft(templates["template:scaling-proposal"], args={"current": "8", "target": "15", "cost_per_head": "143K"})
    result = render_draft(templates["template:eval-result"], args={"accuracy": "92%", "n": "500"})
    update = render_draft(templates["template:exec-update"], args={"upfront": "500K", "cost": "100K", "benefit": "5M"})
    assert "$1.0M more a year" in scaling.text
    assert "Accuracy is 92% with 90% confidence (89.8%-93.8% CI)" in result.text
    assert "$11.69M" in update.text
