"""Which inputs each figure of a sentence could be: the cue words around it, or its kind alone.

A cue supports the nearest figure on its side, within a few words and never across a clause
break; a weak cue far off supports nothing. A bare number that counts some other noun ("12
models", "5 engineers") is not a headcount or an amount, whatever cue precedes it.
"""

import bisect
import re
from dataclasses import dataclass

from evalbot.calculators import Calculator
from evalbot.calculators.fields import FieldSpec
from evalbot.inputs.cues import COUNTED, CUES, FALLBACK
from evalbot.inputs.figures import Figure

# Clause breaks: a cue on the other side of one belongs to another figure.
_BREAK = re.compile(r"[,;!?()\[\]]|\.(?!\d)| - |\b(?:and|but|vs|versus|while|whereas|plus|then|so|or|if)\b")
FILLER = frozenset(
    "us about around roughly approximately approx nearly almost over maybe some an estimated of is are was were be "
    "will would at = : the a by up only just another in ~ it we it's its i my our they their per on for to "
    "expected likely probably say call more than least less under".split())

_MAX_GAP = 3
# Longer than any three words that can stand between a cue and its figure.
_MAX_GAP_CHARS = 80
_KEY_GAP = 0.25
# Words that link a count to what follows rather than name what it counts ("12 with a loaded cost").
_LINKING = frozenset("with by this that next so when after before within into from under total each and but or if "
                     "vs versus while then plus".split())
# A cue this far from its figure, for its weight, is too weak to count ("incidents prevented across 4 teams").
_WEAKEST = 1.0


@dataclass(frozen=True, kw_only=True)
class Edge:
    """A figure that a cue (or its kind alone, `cue` None) supports as the value of an input."""

    figure: int
    field: str
    cue: int | None
    score: float


def fits(spec: FieldSpec, figure: Figure, *, key: bool) -> bool:
    """Whether `figure` can be a value of `spec`; a bare number needs the field's own name as its cue."""
    if figure.calendar and not key:
        return False
    if spec.name == "upfront" and figure.yearly:
        return False  # "2 million per year" recurs: it is never a one-off cost
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


def cue_edges(calculator: Calculator, text: str, figures: list[Figure]) -> list[Edge]:
    """Every (figure, input) pair a cue word supports, scored by the cue's weight less its distance."""
    cues = CUES[calculator.id]
    masked = list(text)
    for figure in figures:  # each figure's characters become NULs, so a cue may name another figure ("out of \0")
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
            if gap is None or cue.weight - gap < _WEAKEST or (cue.key and gap > _KEY_GAP):
                continue  # too far; and a name is a cue only right next to its value ("rate 8%", "rate is 8%")
            if spec is not None and not fits(spec, figures[index], key=cue.key):
                continue
            before = span[1] <= figures[index].start
            if (cue.key or (before and cue.field in COUNTED)) and \
                    _counts_another_thing(flat, figures[index], cue.field, keys):
                continue
            edges.append(Edge(figure=index, field=cue.field, cue=cue_index * 100_000 + span[0],
                               score=cue.weight - gap))
    return edges


def _counted_noun(flat: str, figure: Figure, keys: set[str]) -> list[str]:
    """The word(s) a bare number counts ("12 models to" -> ["models", "to"]); empty when it counts nothing.

    Filler, linking words, the next input's name and verb forms ("7 growing to 11") count nothing.
    """
    if not figure.plain:
        return []
    after = flat[figure.end:figure.end + 60]
    if _BREAK.match(after.lstrip()):
        return []  # "from 16 to 24, average loaded cost": the clause ends with the count
    words = re.split(r"[,;.!?()]", after, maxsplit=1)[0].split()[:2]
    first = words[0] if words else ""
    if not first.isalpha() or first in FILLER or first in _LINKING or first in keys or first.endswith("ing"):
        return []
    return words


def _counts_another_thing(flat: str, figure: Figure, name: str, keys: set[str]) -> bool:
    """Whether a bare number counts a noun that `name` does not count: "spend 5 engineers", "have 12 models"."""
    counted = COUNTED.get(name)
    nouns = _counted_noun(flat, figure, keys)
    return bool(nouns) and (counted is None or not any(counted.fullmatch(word) for word in nouns))


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
    if max(figure.start - span[1], span[0] - figure.end) > _MAX_GAP_CHARS:
        return None  # cheap test first: a cue word repeated thousands of times must not slice the text each time
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
    return sum(0.1 if word in FILLER else 0.6 for word in words)


def fallback_edges(calculator: Calculator, figures: list[Figure], *, asking: str | None) -> list[Edge]:
    """Edges without a cue: a kind only one input takes, or the answer to the question just asked."""
    edges = []
    fallbacks = dict(FALLBACK.get(calculator.id, {}))
    for index, figure in enumerate(figures):
        names = [name for kind, name in fallbacks.items() if _kind_matches(kind, figure)]
        if asking and len(figures) == 1:
            names.append(asking)
        for name in names:
            spec = _spec(calculator, name)
            if spec is not None and fits(spec, figure, key=name == asking):
                edges.append(Edge(figure=index, field=name, cue=None, score=0.3 if name != asking else 0.5))
    return edges


def _kind_matches(kind: str, figure: Figure) -> bool:
    return {"percent": figure.percent, "years": figure.years, "money": figure.money,
            "count": figure.plain and figure.whole}[kind]
