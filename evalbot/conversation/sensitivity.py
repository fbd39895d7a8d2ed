"""Relative what-ifs on a finished calculation: "what if the benefit is 30% lower", "costs up 20%".

Level figures are scaled as stated. Year-by-year flows are scaled by sign: a change to the benefit
(savings, inflows) scales the positive flows after year 0; a change to the cost scales the negative
ones; a change to the upfront cost scales year 0.
"""

import re
from collections.abc import Mapping
from decimal import Decimal

from evalbot.inputs.lists import parse_flows
from evalbot.inputs.numbers import read_decimal
from evalbot.inputs.prose import prepare

_SUBJECT = (r"(?P<subject>benefits?|savings?|saving|value|inflows?|revenue|returns?|upfront(?: cost)?|build(?: cost)?|"
            r"initial (?:cost|investment)|investment|running costs?|run costs?|costs?|opex|outflows?)")
_UP = r"higher|more|bigger|larger|up|greater|over"
_DOWN = r"lower|less|smaller|down|under|short|fewer"
_CHANGES = [
    re.compile(rf"\b{_SUBJECT}\b(?: (?:is|are|were|was|came in|come in|end up|ends up|turn out|turns out))?"
               rf"(?: (?:by|at))? (?P<pct>\d+(?:\.\d+)?) ?(?:%|percent) (?P<dir>{_UP}|{_DOWN})\b"),
    re.compile(rf"\b(?P<pct>\d+(?:\.\d+)?) ?(?:%|percent) (?P<dir>{_UP}|{_DOWN}) (?:in |on )?(?:the )?{_SUBJECT}\b"),
    re.compile(rf"\b{_SUBJECT}\b (?:(?:is|are|were|was) )?(?P<dir>drop|fall|shrink|decrease|grow|rise|increase|"
               rf"climb|jump)\w* (?:by )?(?P<pct>\d+(?:\.\d+)?) ?(?:%|percent)"),
    re.compile(rf"\b(?P<dir>cut|reduce|lower|trim|raise|increase|boost|bump)\w* (?:the |our )?{_SUBJECT}\b "
               rf"(?:by )?(?P<pct>\d+(?:\.\d+)?) ?(?:%|percent)"),
]
_FALLING = re.compile(rf"^(?:{_DOWN}|drop|fall|shrink|decrease|cut|reduce|lower|trim)")


def relative_change(text: str) -> tuple[str, Decimal] | None:
    """("benefit" | "cost" | "upfront", factor) for a change stated in percent, or None."""
    prepared = prepare(text)
    for pattern in _CHANGES:
        match = pattern.search(prepared)
        if match:
            share = Decimal(match.group("pct")) / 100
            factor = 1 - share if _FALLING.match(match.group("dir")) else 1 + share
            subject = match.group("subject")
            kind = "upfront" if re.match(r"upfront|build|initial|investment", subject) else \
                "cost" if re.search(r"cost|opex|outflow", subject) else "benefit"
            return kind, factor
    return None


def scaled_inputs(inputs: Mapping[str, str], kind: str, factor: Decimal) -> dict[str, str] | None:
    """`inputs` with the `kind` of amount scaled by `factor`; None when the calculation has no such amount."""
    changed = dict(inputs)
    if "flows" in inputs:
        flows = [Decimal(str(flow)) for flow in parse_flows(inputs["flows"], field="flows")]
        scaled = [flow * factor if _touched(kind, year, flow) else flow for year, flow in enumerate(flows)]
        if scaled == flows:
            return None
        changed["flows"] = ",".join(_plain(flow) for flow in scaled)
        return changed
    value = read_decimal(inputs.get(kind, "").lstrip("$"), units=True) if kind in inputs else None
    if value is None:
        return None
    changed[kind] = _plain(value * factor)
    return changed


def _touched(kind: str, year: int, flow: Decimal) -> bool:
    if kind == "upfront":
        return year == 0 and flow < 0
    if kind == "cost":
        return flow < 0 and year > 0
    return flow > 0 and year > 0


def _plain(value: Decimal) -> str:
    text = f"{value.quantize(Decimal('0.01')):f}"
    return text.rstrip("0").rstrip(".")
