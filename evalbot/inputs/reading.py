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

import bisect
import re
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import product

from evalbot.calculators import CALCULATORS, Calculator
from evalbot.calculators.fields import FieldSpec
from evalbot.inputs.cues import COUNTED, CUES, FALLBACK, Cue
from evalbot.inputs.figures import Figure, find_figures, spoken
from evalbot.inputs.numbers import read_decimal

# Clause breaks: a cue on the other side of one belongs to another figure.
_BREAK = re.compile(r"[,;!?()\[\]]|\.(?!\d)| - |\b(?:and|but|vs|versus|while|whereas|plus|then|so|or|if)\b")
_FILLER = frozenset(
    "us about around roughly approximately approx nearly almost over maybe some an estimated of is are was were be "
    "will would at = : the a by up only just another in ~ it we it's its i my our they their per on for to "
    "expected likely probably say call more than least less under".split())
_MAX_GAP = 3
_KEY_GAP = 0.25
# Words that link a count to what follows rather than name what it counts ("12 with a loaded cost").
_LINKING = frozenset("with by this that next so when after before within into from under total each and but or if "
                     "vs versus while then plus".split())
# A cue this far from its figure, for its weight, is too weak to count ("incidents prevented across 4 teams").
_WEAKEST = 1.0
# A leftover figure whose cue scores this much for a field already given makes that field unclear.
_CLEAR = 1.5
_NOT_SHOWN_AFTER = _FILLER | {"and", "or", "but", "vs", "each", "if", "so"}
# More figures than this in one message are not worth a full search; the nearest are assigned greedily.
_SEARCH_LIMIT = 5
# A message is read for this many figures at most: a calculation states a handful, and a pasted
# table of thousands must not cost seconds. The rest are not read, and the reply says so.
MAX_FIGURES = 40


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


@dataclass(frozen=True, kw_only=True)
class _Edge:
    figure: int
    field: str
    cue: int | None
    score: float


def read(calculator_id: str, prepared: str, *, asking: str | None = None) -> Reading:
    """Read the figures of prepared text (see `evalbot.inputs.prose.prepare`) for a calculator.

    Args:
        asking: the input the bot has just asked for; a lone figure that fits it is taken as its answer.
    """
    calculator = CALCULATORS.get(calculator_id)
    if calculator is None:
        return Reading()
    text = spoken(prepared)
    figures = find_figures(text, limit=MAX_FIGURES + 1)
    if not figures:
        return Reading()
    skipped = len(figures) > MAX_FIGURES
    if skipped:
        figures = figures[:MAX_FIGURES]
        text = text[:figures[-1].end + 1]
    edges = _cue_edges(calculator, text, figures) + _fallback_edges(calculator, figures, asking=asking)
    chosen = _best_assignment(edges)
    chosen = [edge for edge in chosen if not edge.field.startswith("_")]  # claimed by no input: named back
    inputs = {edge.field: figures[edge.figure].raw for edge in chosen}
    used = {edge.figure for edge in chosen}
    best_cued: dict[int, _Edge] = {}
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
    unused += (f"every figure after the first {MAX_FIGURES}",) if skipped else ()
    return Reading(inputs=inputs, unused=unused,
                   unclear={name: tuple(values) for name, values in unclear.items()})


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


def _fits(spec: FieldSpec, figure: Figure, *, key: bool) -> bool:
    """Whether `figure` can be a value of `spec`; a bare number needs the field's own name as its cue."""
    if figure.calendar and not key:
        return False
    if spec.unit == "year":
        return figure.years or (key and figure.plain and figure.whole)
    if figure.years:
        return False
    if spec.kind == "percent":
        return figure.percent or (figure.plain and 0 < figure.value <= 100 and (key or (figure.fraction and figure.value <= 1)))
    if figure.percent or figure.value < 0 and spec.kind != "money":
        return False
    if spec.kind == "money":
        return figure.money or key or figure.value >= 1000
    if figure.money and not figure.thousands:
        return False  # "$500" or "2M" is never a count; "10k samples" is
    return spec.kind == "number" or figure.whole


def _cue_edges(calculator: Calculator, text: str, figures: list[Figure]) -> list[_Edge]:
    cues = CUES[calculator.id]
    masked = list(text)
    for figure in figures:  # figures become one '#' each, so cue patterns may refer to them ("out of #")
        masked[figure.start:figure.end] = ["\0"] * (figure.end - figure.start)
    flat = "".join(masked)
    found = [(index, (m.start(), m.end())) for index, cue in enumerate(cues) for m in cue.pattern.finditer(flat)]
    inner = _contained({(span, cues[index].field, cues[index].side) for index, span in found})
    keys = {word for cue in cues if cue.key for word in cue.phrase.split("[ _]")}
    starts, ends = [figure.start for figure in figures], [figure.end for figure in figures]
    edges = []
    for cue_index, span in found:
        cue = cues[cue_index]
        if (span, cue.field, cue.side) in inner:
            continue  # inside a longer cue: "incident costs" is not "costs"
        spec = _spec(calculator, cue.field)
        # Only the nearest figure on each side can be in reach.
        for index in (bisect.bisect_right(ends, span[0]) - 1, bisect.bisect_left(starts, span[1])):
            if not 0 <= index < len(figures):
                continue
            gap = _gap(flat, span, figures[index], side=cue.side)
            if cue.key and gap is not None and (gap > _KEY_GAP or _counts_something(flat, figures[index], keys)):
                gap = None  # a name is a cue only right next to its value ("rate 8%"), not "spend 5 engineers"
            if gap is None or cue.weight - gap < _WEAKEST or (spec is not None and not _fits(spec, figures[index], key=cue.key)):
                continue
            if span[1] <= figures[index].start and _counts_another_thing(flat, figures[index], cue.field, keys):
                continue
            edges.append(_Edge(figure=index, field=cue.field, cue=cue_index * 100_000 + span[0],
                               score=cue.weight - gap))
    return edges


def _counts_something(flat: str, figure: Figure, keys: set[str]) -> bool:
    """A bare number followed by a noun counts that noun ("5 engineers"), unless the noun is the next key."""
    if not figure.plain:
        return False
    after = flat[figure.end:figure.end + 40].split(maxsplit=1)
    word = after[0] if after else ""
    return word.isalpha() and word not in _FILLER and word not in keys


def _counts_another_thing(flat: str, figure: Figure, name: str, keys: set[str]) -> bool:
    """Whether a bare number is followed by a noun that `name` does not count ("12 models" for a headcount)."""
    counted = COUNTED.get(name)
    if counted is None or not figure.plain:
        return False
    words = flat[figure.end:figure.end + 60].replace(",", " ").split()[:2]
    first = words[0] if words else ""
    if not first.isalpha() or first in _FILLER or first in _LINKING or first in keys or first.endswith("ing"):
        return False
    return not any(counted.fullmatch(word) for word in words)


def _contained(spans: set[tuple[tuple[int, int], str, str]]) -> set[tuple[tuple[int, int], str, str]]:
    """The cues inside a longer cue of another field on the same side ("costs" inside "incident costs").

    Cues on opposite sides do not hide each other: in "7 incidents at 1.5M", "incidents" ends
    one figure's cue and "incidents at" starts the next one's.
    """
    by_span: dict[tuple[int, int], set[tuple[str, str]]] = {}
    for span, name, side in spans:
        by_span.setdefault(span, set()).add((name, side))
    inner = set()
    reach: dict[tuple[str, str], int] = {}  # per (field, side): the furthest end among the spans sorted earlier
    for span in sorted(by_span, key=lambda s: (s[0], -s[1])):
        cues = by_span[span]
        for name, side in cues:
            if any(other != name and (side == other_side or "both" in (side, other_side)) and span[1] <= furthest
                   for (other, other_side), furthest in reach.items()):
                inner.add((span, name, side))
        for cue in cues:
            reach[cue] = max(reach.get(cue, -1), span[1])
    return inner


def _spec(calculator: Calculator, name: str) -> FieldSpec | None:
    return next((f for f in calculator.fields if f.name == name), None)


def _gap(flat: str, span: tuple[int, int], figure: Figure, *, side: str) -> float | None:
    """How far a cue at `span` stands from `figure` (filler words are cheap), or None when out of reach."""
    if side in ("before", "both") and span[1] <= figure.start:
        between = flat[span[1]:figure.start]
    elif side in ("after", "both") and figure.end <= span[0]:
        between = flat[figure.end:span[0]]
    else:
        return None
    if "\0" in between or _BREAK.search(between):
        return None
    words = between.replace("~", " ~ ").replace("=", " = ").replace(":", " : ").split()
    if len(words) > _MAX_GAP:
        return None
    return sum(0.1 if word in _FILLER else 0.6 for word in words)


def _fallback_edges(calculator: Calculator, figures: list[Figure], *, asking: str | None) -> list[_Edge]:
    """Edges without a cue: a kind only one input takes, or the answer to the question just asked."""
    edges = []
    fallbacks = dict(FALLBACK.get(calculator.id, {}))
    for index, figure in enumerate(figures):
        names = [name for kind, name in fallbacks.items() if _kind_matches(kind, figure)]
        if asking and len(figures) == 1:
            names.append(asking)
        for name in names:
            spec = _spec(calculator, name)
            if spec is not None and _fits(spec, figure, key=name == asking):
                edges.append(_Edge(figure=index, field=name, cue=None, score=0.3 if name != asking else 0.5))
    return edges


def _kind_matches(kind: str, figure: Figure) -> bool:
    return {"percent": figure.percent, "years": figure.years, "money": figure.money,
            "count": figure.plain and figure.whole}[kind]


def _best_assignment(edges: list[_Edge]) -> list[_Edge]:
    """The edges giving the most figures an input, then the highest total score; one per field, figure and cue."""
    by_field: dict[str, list[_Edge]] = {}
    for edge in sorted(edges, key=lambda e: -e.score):
        options = by_field.setdefault(edge.field, [])
        if len(options) < _SEARCH_LIMIT:
            options.append(edge)
    fields = list(by_field)
    best: tuple[int, float] = (-1, 0.0)
    chosen: list[_Edge] = []
    for combo in product(*[[None, *by_field[name]] for name in fields]):
        picked = [edge for edge in combo if edge is not None]
        figures = {edge.figure for edge in picked}
        cues = [edge.cue for edge in picked if edge.cue is not None]
        if len(figures) != len(picked) or len(set(cues)) != len(cues):
            continue
        rank = (len(picked), sum(edge.score for edge in picked))
        if rank > best:
            best, chosen = rank, picked
    return chosen
