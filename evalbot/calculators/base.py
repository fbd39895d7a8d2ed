"""What every calculator shares: its description, reading its inputs, and running it."""

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from evalbot.calculators.fields import FieldSpec, Value, format_field, parse_field
from evalbot.errors import CommandError
from evalbot.inputs.keys import check_keys
from evalbot.inputs.numbers import echo


@dataclass(frozen=True, kw_only=True)
class OutputSpec:
    """One figure a calculator produces: a template variable, and (if `fact`) a reply fact."""

    name: str
    label: str
    fact: bool = True


@dataclass(frozen=True, kw_only=True)
class Presentation:
    """A result as words: formatted `outputs` by name, a one-paragraph `summary`, extra sections."""

    outputs: dict[str, str]
    summary: str
    details: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, kw_only=True)
class Calculator:
    """A calculator: its fields, the figures it produces and the pure function behind it.

    Attributes:
        either: groups of fields of which at least one group must be complete
            (roi: `benefit`, or `incidents` with `incident_cost`).
        example: a complete, correct command.
        compute: pure function from `input_model` to its result model.
        present: the result as formatted outputs and prose.
        sanity: notes on inputs or results that are possible but implausible (a team of a million),
            from the validated inputs and the result; the thresholds are listed in the calculator's card.
        replaces: fields that stand in for others (npv: `flows` for `upfront`, `cost`, `benefit`, `years`):
            given, the others get no default and may not be given too.
        needs: the fields that the fields given make necessary (compare: `fixed` given, `broke` and `n`
            needed too), to ask for one at a time like the required ones.
    """

    id: str
    title: str
    fields: tuple[FieldSpec, ...]
    outputs: tuple[OutputSpec, ...]
    example: str
    input_model: type[BaseModel]
    compute: Callable[[Any], BaseModel]
    present: Callable[[Any], Presentation]
    either: tuple[tuple[str, ...], ...] = field(default=())
    sanity: Callable[[Any, Any], list[str]] = field(default=lambda inputs, result: [])
    needs: Callable[[Collection[str]], list[str]] = field(default=lambda given: [])
    replaces: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def spec(self, name: str) -> FieldSpec:
        return next(f for f in self.fields if f.name == name)

    def keys(self) -> dict[str, str]:
        """Every accepted key (names and aliases) -> field name."""
        return {key: f.name for f in self.fields for key in (f.name, *f.aliases)}


@dataclass(frozen=True, kw_only=True)
class Outcome:
    """A finished calculation."""

    calculator: Calculator
    values: dict[str, Value]
    result: BaseModel
    presentation: Presentation
    notes: tuple[str, ...] = ()
    assumed: tuple[str, ...] = ()


def read_inputs(calculator: Calculator, args: Mapping[str, str], *, prose: Mapping[str, str] | None = None,
                example: str | None = None) -> dict[str, Value]:
    """Parse the given inputs by field name; nothing is required yet.

    Args:
        args: typed `key=value` input (aliases allowed).
        prose: inputs read from the user's sentence, by field name; typed input wins over them.

    Raises:
        CommandError: an unknown key, a field given twice, or a value that is unreadable or out of range.
    """
    example = example or calculator.example
    merged = given_inputs(calculator, args, prose=prose, example=example)
    return {name: parse_field(calculator.spec(name), raw, example=example) for name, raw in merged.items()}


def given_inputs(calculator: Calculator, args: Mapping[str, str], *, prose: Mapping[str, str] | None = None,
                 example: str | None = None) -> dict[str, str]:
    """The inputs as typed, by field name (aliases resolved, typed pairs over prose), not yet parsed.

    Raises:
        CommandError: an unknown key, or a field given twice with different values.
    """
    example = example or calculator.example
    keys = calculator.keys()
    check_keys(args, keys, listed=[f.name for f in calculator.fields], tool=f"`{calculator.id}`", example=example)
    typed: dict[str, str] = {}
    for key, raw in args.items():
        name = keys[key]
        if name in typed and typed[name] != raw:
            raise CommandError(f"`{name}` is given twice, as `{echo(typed[name])}` and `{echo(raw)}`; give it once.",
                               field=name, example=example)
        typed[name] = raw
    return {**(prose or {}), **typed}


def unmet(calculator: Calculator, given: Collection[str]) -> tuple[list[str], list[tuple[str, ...]]]:
    """The required fields not given (in order), and the either/or groups when none is complete.

    The groups come with the one the user has started on first, so an answer can lead with it.

    Args:
        given: the names of the fields that have values.
    """
    required = [f.name for f in calculator.fields if f.required and f.default is None and f.name not in given]
    required += [name for name in calculator.needs(given) if name not in given and name not in required]
    if not calculator.either or any(all(n in given for n in group) for group in calculator.either):
        return required, []
    return required, sorted(calculator.either, key=lambda g: -sum(n in given for n in g))


def still_needed(calculator: Calculator, given: Collection[str]) -> list[str]:
    """The fields to ask for, one at a time, in order: required ones, then one group of an either/or.

    The group is the one the user has started on ("incidents" given: `incident_cost` next).
    """
    required, groups = unmet(calculator, given)
    return required + ([name for name in groups[0] if name not in given and name not in required] if groups else [])


def alternatives(calculator: Calculator, name: str, given: Collection[str]) -> list[tuple[str, ...]]:
    """The other either/or groups that would do instead of the one `name` belongs to."""
    _, groups = unmet(calculator, given)
    if not any(name in group for group in groups):
        return []
    stands_in = dict(calculator.replaces)
    # A group that would replace what is already given (`flows` after `upfront`) is no alternative.
    return [group for group in groups if name not in group
            and not any(set(stands_in.get(member, ())) & set(given) for member in group)]


def missing_inputs(calculator: Calculator, given: Collection[str]) -> list[str]:
    """What is still needed, one line per need, e.g. "`cost` (annual program cost)".

    Args:
        given: the names of the fields that have values.
    """
    def named(names: tuple[str, ...]) -> str:
        return " and ".join(f"`{n}` ({calculator.spec(n).label})" for n in names)

    required, groups = unmet(calculator, given)
    needed = [named((name,)) for name in required]
    if groups:
        first = named(tuple(n for n in groups[0] if n not in given))
        needed.append(", or ".join([first, *(named(g) for g in groups[1:])]))
    return needed


def run(calculator: Calculator, values: Mapping[str, Value]) -> Outcome:
    """Apply defaults, validate across fields and compute.

    Raises:
        CommandError: inputs that contradict each other.
    """
    complete = dict(values)
    assumed = []
    replaced = {other: name for name, others in calculator.replaces if name in values for other in others}
    clashing = [other for other in replaced if other in values]
    if clashing:
        instead = replaced[clashing[0]]
        raise CommandError(f"{', '.join(f'`{n}`' for n in clashing)} can't go with `{instead}`; give one or the "
                           "other.", field=instead, example=calculator.example)
    for spec in calculator.fields:
        if spec.name not in complete and spec.default is not None and spec.name not in replaced:
            complete[spec.name] = parse_field(spec, spec.default, example=calculator.example)
            assumed.append(spec.name)
    inputs = calculator.input_model.model_validate(complete)
    result = calculator.compute(inputs)
    return Outcome(calculator=calculator, values=complete, result=result, presentation=calculator.present(result),
                   notes=tuple(calculator.sanity(inputs, result)), assumed=tuple(assumed))


def formatted_inputs(calculator: Calculator, values: Mapping[str, Value]) -> dict[str, str]:
    """The given inputs as executives read them, by field name."""
    return {name: format_field(calculator.spec(name), value) for name, value in values.items()}
