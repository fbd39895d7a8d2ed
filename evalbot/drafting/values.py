"""Turning a template's `key=value` input (and any calculator it names) into render values."""

from collections.abc import Mapping

from evalbot.calculators import Calculator, Outcome, formatted_inputs, get_calculator, missing_inputs, read_inputs, run
from evalbot.calculators import format as fmt
from evalbot.errors import CommandError
from evalbot.inputs.keys import check_keys
from evalbot.inputs.money import parse_money
from evalbot.inputs.numbers import parse_count
from evalbot.inputs.percent import parse_percent
from evalbot.knowledge_base.models import Template, TemplateField

MAX_TEXT = 1000


def field_pair(field: TemplateField, value: str | None = None) -> str:
    """`name=value` (by default the field's example), quoted when the value has spaces."""
    value = field.example if value is None else value
    if any(c.isspace() for c in value):
        value = f"'{value}'" if '"' in value else f'"{value}"'
    return f"{field.name}={value}"


def example_command(template: Template, *, given: Mapping[str, str] | None = None) -> str:
    """A complete command for `template`: the values `given` by the user, the fields' examples for the rest."""
    given = given or {}
    return " ".join([f"template {template.short_name}", *(field_pair(f, given.get(f.name)) for f in template.fields)])


def calculator_for(template: Template) -> Calculator | None:
    if template.calculator is None:
        return None
    calculator = get_calculator(template.calculator)
    if calculator is None:
        raise CommandError(f"This template names a calculator `{template.calculator}` that does not exist.",
                           example="help")
    return calculator


def _typed(field: TemplateField, raw: str, example: str) -> str:
    if field.type == "money":
        return fmt.money(parse_money(raw, field=field.name, example=example))
    if field.type == "count":
        return fmt.number(parse_count(raw, field=field.name, low=0, high=10**12, example=example))
    if field.type == "percent":
        return fmt.percent(parse_percent(raw, field=field.name, example=example))
    text = raw.strip()
    if not text:
        raise CommandError(f"`{field.name}` is empty; leave it out to keep the placeholder.", field=field.name,
                           example=example)
    if len(text) > MAX_TEXT:
        raise CommandError(f"`{field.name}` is {len(text):,} characters; keep it under {MAX_TEXT:,}.",
                           field=field.name, example=example)
    return text


def fill_values(template: Template, args: Mapping[str, str], *, prose: Mapping[str, str] | None = None,
                ) -> tuple[dict[str, str], Outcome | None]:
    """User values (formatted) plus calculator results; missing ones are simply absent.

    Args:
        args: the user's `key=value` input.
        prose: calculator inputs read from the user's sentence; `args` win over them.

    Raises:
        CommandError: an unknown key, or a value that is unreadable, out of range or conflicting.
    """
    example = example_command(template)
    calculator = calculator_for(template)
    calc_keys = calculator.keys() if calculator else {}
    declared = {f.name: f for f in template.fields}
    check_keys(args, {*declared, *calc_keys}, listed=list(declared), tool=f"template `{template.id}`",
               example=example)
    values = {name: _typed(declared[name], raw, example) for name, raw in args.items() if name not in calc_keys}
    if calculator is None:
        return values, None
    calc_args = {k: v for k, v in args.items() if k in calc_keys}
    inputs = read_inputs(calculator, calc_args, prose=prose, example=example)
    values.update(formatted_inputs(calculator, inputs))
    if missing_inputs(calculator, inputs):
        return values, None
    try:
        outcome = run(calculator, inputs)
    except CommandError as e:  # a conflict between inputs: point at this template's command, not the calculator's
        raise CommandError(e.message, field=e.field, example=example) from e
    values.update(formatted_inputs(calculator, outcome.values))  # defaults the calculator applied, too
    values.update(outcome.presentation.outputs)
    return values, outcome
