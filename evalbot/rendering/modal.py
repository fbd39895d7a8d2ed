"""The calculator form: a modal with one input per field, and its validation errors."""

import json
from dataclasses import dataclass

from evalbot.rendering.slack_text import clip, esc, mrkdwn, plain_text

FORM_CALLBACK = "evalbot_calculator_form"
INPUT_ACTION = "value"
MAX_MODAL_TITLE = 24
MAX_LABEL = 2000
MAX_HINT = 2000
MAX_PLACEHOLDER = 150
MAX_ERROR = 2000


@dataclass(frozen=True, kw_only=True)
class FormField:
    """One input of a calculator form."""

    name: str
    label: str
    hint: str = ""
    example: str = ""
    optional: bool = True


@dataclass(frozen=True, kw_only=True)
class FormSpec:
    """What a calculator form asks for."""

    calculator: str
    title: str
    intro: str
    fields: tuple[FormField, ...]


def block_id(field_name: str) -> str:
    return f"field:{field_name}"


def _input(field: FormField) -> dict:
    element = {"type": "plain_text_input", "action_id": INPUT_ACTION, "max_length": 100}
    if field.example:
        element["placeholder"] = plain_text(f"e.g. {field.example}", MAX_PLACEHOLDER)
    block = {
        "type": "input",
        "block_id": block_id(field.name),
        "optional": field.optional,
        "label": plain_text(field.label, MAX_LABEL),
        "element": element,
    }
    if field.hint:
        block["hint"] = plain_text(field.hint, MAX_HINT)
    return block


def form_view(spec: FormSpec, *, metadata: dict[str, str] | None = None) -> dict:
    """The `views.open` view of a calculator form."""
    return {
        "type": "modal",
        "callback_id": FORM_CALLBACK,
        "private_metadata": json.dumps({"calculator": spec.calculator, **(metadata or {})})[:3000],
        "title": plain_text(spec.title, MAX_MODAL_TITLE),
        "submit": plain_text("Calculate", 24),
        "close": plain_text("Cancel", 24),
        "blocks": [{"type": "section", "text": mrkdwn(esc(spec.intro))}, *(_input(f) for f in spec.fields)],
    }


def submitted_values(view: dict) -> dict[str, str]:
    """Field name -> the text typed, for the non-blank inputs of a submitted form."""
    values: dict[str, str] = {}
    for block, actions in (view.get("state", {}).get("values") or {}).items():
        if not block.startswith("field:") or not isinstance(actions, dict):
            continue
        typed = (actions.get(INPUT_ACTION) or {}).get("value")
        if isinstance(typed, str) and typed.strip():
            values[block.removeprefix("field:")] = typed.strip()
    return values


def form_errors(problems: dict[str, str]) -> dict:
    """The `response_action: errors` answer: a message under each field at fault."""
    return {
        "response_action": "errors",
        "errors": {block_id(name): clip(esc(message), MAX_ERROR) for name, message in problems.items()},
    }
