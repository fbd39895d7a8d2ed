"""Rendering a template into a ready-to-paste draft."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import TemplateError

from evalbot.calculators import Outcome
from evalbot.drafting.environment import Placeholder, compile_body
from evalbot.drafting.values import calculator_for, fill_values
from evalbot.errors import KnowledgeError
from evalbot.inputs.extract import extract_inputs
from evalbot.knowledge_base.models import Template


@dataclass(frozen=True, kw_only=True)
class Draft:
    """A rendered template.

    Attributes:
        text: the draft, raw (the Slack renderer escapes it).
        outcome: the calculator run that filled figures in, if any.
        placeholders: (name, label) of every field still shown as `[label]`.
        given: the user's input as given: `key=value` pairs over figures read from the sentence.
    """

    text: str
    outcome: Outcome | None
    placeholders: list[tuple[str, str]]
    given: dict[str, str] = field(default_factory=dict)

    @property
    def headline(self) -> str:
        """The draft's first line, without emphasis markers."""
        first = next((line for line in self.text.splitlines() if line.strip()), "")
        return first.strip().strip("*_").strip()


def _in_sentence(label: str) -> str:
    """A fact label as it reads mid-sentence: "Net annual benefit" -> "net annual benefit", "ROI" stays."""
    return label if label[1:2].isupper() else label[:1].lower() + label[1:]


def placeholder_labels(template: Template) -> dict[str, str]:
    """Every variable a template may use -> the label its placeholder shows."""
    labels = {f.name: f.label for f in template.fields}
    calculator = calculator_for(template)
    if calculator is not None:
        labels.update({o.name: _in_sentence(o.label) for o in calculator.outputs if o.name not in labels})
    return labels


def render_draft(template: Template, *, args: Mapping[str, str], text: str = "", origin: Path | None = None) -> Draft:
    """Render `template` with the user's values, calculator results and visible placeholders.

    Args:
        args: `key=value` input.
        text: the user's sentence, read for calculator inputs when the template names a calculator.
        origin: the template's file, named in errors.

    Raises:
        CommandError: bad user input.
        KnowledgeError: the template itself is broken (naming its file), chained from the Jinja2 error.
    """
    prose = extract_inputs(template.calculator, text) if template.calculator and text else {}
    values, outcome = fill_values(template, args, prose=prose)
    labels = placeholder_labels(template)
    context = {name: values.get(name, Placeholder.of(label)) for name, label in labels.items()}
    try:
        rendered = compile_body(template.body).render(context)
    except TemplateError as e:
        raise KnowledgeError([f"{origin or template.id}: field 'body': {e}"]) from e
    waiting = [(name, labels[name]) for name, value in context.items()
               if isinstance(value, Placeholder) and value in rendered]
    return Draft(text=rendered.strip() + "\n", outcome=outcome, placeholders=waiting, given={**prose, **args})
