"""Assigning the figures of a sentence to a calculator's inputs, by the cue words near each one.

Each input has cue phrases that may stand before its figure ("spend 2M", "at 8%", "rate 8%")
or after it ("2M budget", "5 incidents", "1M each"), with at most a few words between
("saves us an estimated $5M"), never across a clause break ("," "and" "vs"). The name of
an input and its aliases are always cues, so `years 5 rate 8%` reads like `years=5 rate=8%`.
A cue next to two figures ("cost 100k savings 5M") may serve either, so the assignment
that gives the most figures an input (then the nearest, most specific cues) wins.

A figure whose kind fits only one input ("12%" in an NPV) takes it without a cue. A figure
that two inputs cannot share ("spend 2M, budget is 3M") makes both unclear: neither is used,
and both are named back. Every other figure left over is named back as unused.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from evalbot.calculators import CALCULATORS
from evalbot.inputs.assignment import best_assignment
from evalbot.inputs.edges import FILLER, Edge, cue_edges, fallback_edges
from evalbot.inputs.figures import Figure, find_figures, spoken
from evalbot.inputs.numbers import read_decimal
from evalbot.inputs.shapes import FINANCE, POINTS, Shape, find_shape

# A leftover figure whose cue scores this much for an input already given makes that input unclear.
_CLEAR = 1.5
_NOT_SHOWN_AFTER = FILLER | {"and", "or", "but", "vs", "each", "if", "so"}
# A message is read for this many figures at most: a calculation states a handful, and a pasted
# table of thousands must not cost seconds. The rest are not read, and the reply says so.
MAX_FIGURES = 40
# Calculators whose figures are often percentage points written as "points".
_IN_POINTS = frozenset({"sample-size", "compare"})


@dataclass(frozen=True, kw_only=True)
class Reading:
    """What a message's figures say for one calculator.

    Attributes:
        inputs: field name -> the value as typed (`"5m"`, `"8%"`), ready for the field parsers.
        unused: figures no input could take, as the user wrote them with the word after ("7 weeks").
        unclear: field name -> the different values stated for it, none of which was used.
    """

    inputs: dict[str, str] = field(default_factory=dict)
    unused: tuple[str, ...] = ()
    unclear: dict[str, tuple[str, ...]] = field(default_factory=dict)


def read(calculator_id: str, prepared: str, *, asking: str | None = None) -> Reading:
    """Read the figures of prepared text (see `evalbot.inputs.prose.prepare`) for a calculator.

    Args:
        asking: the input the bot has just asked for; a lone figure that fits it is taken as its answer.
    """
    calculator = CALCULATORS.get(calculator_id)
    if calculator is None:
        return Reading()
    text = spoken(prepared)
    if calculator_id in _IN_POINTS:
        text = POINTS.sub(r"\1%", text)  # "±2 points", "a 3-point drop": percentage points
    figures = find_figures(text, limit=MAX_FIGURES + 1)
    if not figures:
        return Reading()
    skipped = len(figures) > MAX_FIGURES
    if skipped:
        figures = figures[:MAX_FIGURES]
        text = text[:figures[-1].end + 1]
    shape = find_shape(calculator_id, text, figures)
    edges = [edge for edge in cue_edges(calculator, text, figures) + fallback_edges(calculator, figures, asking=asking)
             if edge.figure not in shape.used]
    chosen = best_assignment(edges)
    chosen = [edge for edge in chosen if not edge.field.startswith("_")]  # claimed by no input: named back
    inputs = {edge.field: figures[edge.figure].raw for edge in chosen}
    used = {edge.figure for edge in chosen} | set(shape.used)
    shape_unused = _apply_shape(calculator_id, shape, inputs)
    best_cued: dict[int, Edge] = {}
    for edge in edges:
        if edge.cue is not None and (edge.figure not in best_cued or edge.score > best_cued[edge.figure].score):
            best_cued[edge.figure] = edge
    unclear: dict[str, list[str]] = {}
    for index, figure in enumerate(figures):
        if index in used:
            continue
        wanted = best_cued.get(index)
        if wanted and wanted.score >= _CLEAR and wanted.field in inputs and not _same(inputs[wanted.field], figure.raw):
            unclear.setdefault(wanted.field, [inputs[wanted.field]]).append(figure.raw)
        elif wanted and wanted.field in inputs:
            used.add(index)  # the same value stated twice
    for name in unclear:
        inputs.pop(name)
    unclear_values = {value for values in unclear.values() for value in values}
    unused = tuple(_shown(text, f) for i, f in enumerate(figures) if i not in used and f.raw not in unclear_values)
    unused += shape_unused
    unused += (f"every figure after the first {MAX_FIGURES}",) if skipped else ()
    return Reading(inputs=inputs, unused=unused,
                   unclear={name: tuple(values) for name, values in unclear.items()})


def _apply_shape(calculator_id: str, shape: Shape, inputs: dict[str, str]) -> tuple[str, ...]:
    """Merge what a shape says into `inputs`; the figures it contradicts come back, to be named.

    Savings listed year by year become `flows`, with the upfront cost (read by its cue) at year 0 and
    any running cost taken off each year. A stated horizon that the list agrees with is used up.
    """
    inputs.update(shape.inputs)
    if calculator_id not in FINANCE or not (shape.flows or shape.inflows):
        return ()
    if shape.flows:
        flows = list(shape.flows)
    else:
        upfront = _decimal(inputs.pop("upfront", "0"))
        running = _decimal(inputs.pop("cost", "0"))
        flows = [-upfront, *(amount - running for amount in shape.inflows)]
    inputs["flows"] = ",".join(_plain(flow) for flow in flows)
    years = inputs.pop("years", None)
    if years is not None and _decimal(years) != len(flows) - 1:
        return (f"{years} years (the figures give {len(flows) - 1})",)
    return ()


def _decimal(raw: str) -> Decimal:
    value = read_decimal(raw.lstrip("$").replace("$", ""), units=True)
    return value if value is not None else Decimal(0)


def _plain(value: Decimal) -> str:
    """`-400000`, `125000.5`: an amount as the flows parser reads it, without exponent or separators."""
    text = f"{value.normalize():f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _same(one: str, other: str) -> bool:
    def number(raw: str) -> Decimal | str:
        value = read_decimal(raw.lstrip("$").rstrip("%"), units=True)
        return raw if value is None else value

    return number(one) == number(other)


def _shown(text: str, figure: Figure) -> str:
    """The figure as the user wrote it, with the word after it when that says what it counts."""
    after = text[figure.end:figure.end + 40].split(maxsplit=1)
    word = after[0].strip(".,;:!?") if after else ""
    shown = text[figure.start:figure.end].strip()
    return f"{shown} {word}" if word.isalpha() and word not in _NOT_SHOWN_AFTER else shown
