"""Figures that belong together: year-by-year cash flows, ramps, and eval results with their sample size.

Read before the cue words, because their shape says more than any cue: "save 100k, 150k, 150k and
120k over four years" is four years of savings, never one annual figure and three unused ones;
"Year 0: -100,000 / Year 1: 30,000" is a table; "92% on 500" is one result. A figure a shape takes
is not offered to the cue reader, and one the shape contradicts is named back.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from evalbot.inputs.figures import Figure

FINANCE = frozenset({"npv", "irr", "payback"})
_LIST_GLUE = re.compile(r"^\s*(?:,|;|/|->|→)?\s*(?:,?\s*(?:and|then|and then|followed by)\s*)?(?:,\s*)?$")
_LIST_COMMA = re.compile(r"[,;/]|->|→|\bthen\b")
_YEAR_LABEL = re.compile(r"(?:\byears?|\byr|\by|\bfy)\s?$")
_ROW_GLUE = re.compile(r"^\s*[:=|\-,)]?\s*(?:[a-z]+\s){0,3}?[:=|\-]?\s*$")
_PIPE_GLUE = re.compile(r"^\s*\|\s*$")
_RAMP = re.compile(r"(?:grow|ramp|ris|increas|climb|go|goes|going|scal)\w*(?: up)?(?: steadily| linearly)? from\s*$")
_RESULT_GLUE = re.compile(r"^\s*(?:accuracy |correct |right |pass(?:ed)? |score )?(?:on|of|with|across|over|from|in|"
                          r"out of|/|@)\s*(?:the |a |an |our )?$")
_CONFIDENCE_AFTER = re.compile(r"^\s*(?:confidence|conf\b|level|ci\b|interval|sure|power|drop|difference|change|lift|"
                               r"gain|regression|improvement|gap|delta|margin|either way)")
_YEAR_RANGE = re.compile(r"\byears?\s?$")
_YEAR_ONE_TO = re.compile(r"\byears? one ?(?:to|-|through|thru) ?$")
POINTS = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)[- ]?(?:percentage[- ])?(?:points?|pts?|pp)\b")


@dataclass(frozen=True, kw_only=True)
class Shape:
    """What the shapes of a text say: inputs (as typed), the figures they took, and figures left over."""

    inflows: tuple[Decimal, ...] = ()
    flows: tuple[Decimal, ...] = ()
    inputs: dict[str, str] = field(default_factory=dict)
    used: frozenset[int] = frozenset()


def find_shape(calculator_id: str, text: str, figures: list[Figure]) -> Shape:
    """The shape `figures` of prepared `text` take for `calculator_id` (an empty `Shape` when none)."""
    if calculator_id in FINANCE:
        shape = _table(text, figures) or _ramp(text, figures) or _listed(text, figures) or Shape()
        return _with_year_range(text, figures, shape)
    if calculator_id == "compare":
        return _results(text, figures)
    return Shape()


def _between(text: str, figures: list[Figure], first: int, second: int) -> str:
    return text[figures[first].end:figures[second].start]


def _amount(figure: Figure) -> bool:
    return figure.money or (figure.plain and abs(figure.value) >= 1000)


def _table(text: str, figures: list[Figure]) -> Shape | None:
    """Rows labelled by year ("year 0: -100,000", "y1 30k", "| 2 | 45,000 |"), years counted from 0 or 1."""
    rows: dict[int, int] = {}
    used: set[int] = set()
    for index in range(len(figures) - 1):
        label, amount = figures[index], figures[index + 1]
        if not (label.plain and label.whole and 0 <= label.value <= 50 and _amount(amount)):
            continue
        before = text[max(0, label.start - 8):label.start]
        labelled = _YEAR_LABEL.search(before) or (before.rstrip().endswith("|")
                                                  and _PIPE_GLUE.match(_between(text, figures, index, index + 1)))
        if labelled and _ROW_GLUE.match(_between(text, figures, index, index + 1)) and int(label.value) not in rows:
            rows[int(label.value)] = index + 1
            used |= {index, index + 1}
    years = sorted(rows)
    if len(years) < 2 or years != list(range(years[0], years[0] + len(years))) or years[0] > 1:
        return None
    amounts = tuple(figures[rows[year]].value for year in years)
    if years[0] == 1:
        return Shape(inflows=amounts, used=frozenset(used))
    return Shape(flows=amounts, used=frozenset(used))


def _ramp(text: str, figures: list[Figure]) -> Shape | None:
    """"Benefit grows from 1M to 3M over three years": the years in between written out evenly."""
    for index in range(len(figures) - 2):
        start, end, span = figures[index], figures[index + 1], figures[index + 2]
        if not (_RAMP.search(text[max(0, start.start - 40):start.start]) and _amount(start) and _amount(end)
                and re.fullmatch(r"\s*to\s*", _between(text, figures, index, index + 1))
                and span.years and 2 <= span.value <= 50
                and re.fullmatch(r"\s*(?:over|across|in|within)(?: the next)?\s*", _between(text, figures, index + 1, index + 2))):
            continue
        count = int(span.value)
        step = (end.value - start.value) / (count - 1)
        inflows = tuple(start.value + step * year for year in range(count))
        return Shape(inflows=inflows, used=frozenset({index, index + 1, index + 2}))
    return None


def _with_year_range(text: str, figures: list[Figure], shape: Shape) -> Shape:
    """"In years 1 to 3", "years 1-5": a range the listed years agree with says nothing more; it is used up."""
    count = len(shape.inflows) or max(0, len(shape.flows) - 1)
    for index in range(len(figures) - 1):
        first, last = figures[index], figures[index + 1]
        if (count and first.plain and last.plain and _YEAR_RANGE.search(text[max(0, first.start - 7):first.start])
                and re.fullmatch(r"\s*(?:to|-|through|thru)\s*", _between(text, figures, index, index + 1))
                and last.value - first.value + 1 == count):
            return Shape(inflows=shape.inflows, flows=shape.flows, inputs=shape.inputs,
                         used=shape.used | {index, index + 1})
    for index, last in enumerate(figures):  # "years one to three": "one" is never read as a figure
        if count and last.plain and last.value == count and \
                _YEAR_ONE_TO.search(text[max(0, last.start - 20):last.start]):
            return Shape(inflows=shape.inflows, flows=shape.flows, inputs=shape.inputs, used=shape.used | {index})
    return shape


def _listed(text: str, figures: list[Figure]) -> Shape | None:
    """The longest run of amounts written as a list ("40K, 60K, 50K and 20K"; "100k then 150k")."""
    best: list[int] = []
    run: list[int] = []
    for index, figure in enumerate(figures):
        if run and _amount(figure) and _LIST_GLUE.match(_between(text, figures, run[-1], index)):
            run.append(index)
        else:
            run = [index] if _amount(figure) else []
        if len(run) > len(best):
            best = list(run)
    glued_by_comma = any(_LIST_COMMA.search(_between(text, figures, a, b)) for a, b in zip(best, best[1:]))
    if len(best) < 3 and not (len(best) == 2 and glued_by_comma):
        return None  # "spend 2M and save 5M" is two inputs, not a list
    amounts = tuple(figures[index].value for index in best)
    used = frozenset(best)
    if amounts[0] < 0:
        return Shape(flows=amounts, used=used)
    return Shape(inflows=amounts, used=used)


def _results(text: str, figures: list[Figure]) -> Shape:
    """Eval results with their sample sizes ("92% on 500", "460/500", "455 out of 500"), as `a` and `b`.

    Two bare accuracies ("from 87% to 89%") are `a` and `b` without sizes: the same cases, to be paired.
    """
    results: list[str] = []
    used: set[int] = set()
    for index in range(len(figures) - 1):
        score, size = figures[index], figures[index + 1]
        if index in used or not (size.plain and size.whole and size.value >= 1):
            continue
        if not _RESULT_GLUE.match(_between(text, figures, index, index + 1)):
            continue
        if score.percent or (score.plain and score.whole and score.value <= size.value):
            results.append(f"{score.raw}/{size.raw.replace(',', '')}")
            used |= {index, index + 1}
    if len(results) < 2:
        bare = [i for i, f in enumerate(figures) if f.percent and i not in used
                and not _CONFIDENCE_AFTER.match(text[f.end:f.end + 12])]
        if len(bare) == 2 and not results:
            return Shape(inputs={"a": figures[bare[0]].raw, "b": figures[bare[1]].raw}, used=frozenset(bare))
        return Shape()
    return Shape(inputs={"a": results[0], "b": results[1]}, used=frozenset(used))
