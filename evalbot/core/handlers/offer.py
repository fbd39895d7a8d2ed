"""The calculation a question's own figures can start: "justify the 2M eval budget" offers `roi cost=2M`."""

from collections.abc import Mapping

from evalbot.calculators import CALCULATORS, Calculator, missing_inputs, read_inputs
from evalbot.core.reply import Offer
from evalbot.errors import CommandError
from evalbot.inputs.extract import extract_inputs
from evalbot.inputs.pairs import as_typed, pair
from evalbot.routing.grammar import Tool, parse_command


def calculation_offers(text: str) -> list[Offer]:
    """The calculation whose inputs `text` states most of (the first in registry order on a tie), if any."""
    if not any(char.isdigit() for char in text):
        return []  # every input is a figure
    best: tuple[Calculator, dict[str, str]] | None = None
    for calculator in CALCULATORS.values():
        found = extract_inputs(calculator.id, text)
        if _substantive(calculator, found) and (best is None or len(found) > len(best[1])):
            best = (calculator, found)
    if best is None:
        return []
    calculator, found = best
    offer = _offer(calculator, {name: as_typed(raw) for name, raw in found.items()})
    return [offer] if offer else []


def offers_of_command(command: str) -> list[Offer]:
    """The offer a calculator command makes again (a folded answer keeps its offer when unfolded)."""
    parsed = parse_command(command)
    calculator = CALCULATORS.get(parsed.name or "") if parsed and parsed.tool is Tool.CALCULATOR else None
    offer = _offer(calculator, parsed.args) if calculator and parsed else None
    return [offer] if offer else []


def _substantive(calculator: Calculator, found: Mapping[str, str]) -> bool:
    """Whether `found` holds a figure worth a calculation: an amount of money, or an input with no default.

    A horizon or a rate alone ("3-year vesting", "at 8%") is no reason to offer an NPV or a payback.
    """
    return any(spec.kind in ("money", "flows", "result") or (spec.default is None and spec.unit is None)
               for spec in calculator.fields if spec.name in found)


def _offer(calculator: Calculator, pairs: Mapping[str, str]) -> Offer | None:
    """`calculator` started with `pairs` (field name -> value as typed), or None if a value is unusable."""
    try:
        values = read_inputs(calculator, pairs)
    except CommandError:
        return None  # a figure the calculator would refuse is not worth offering
    ordered = [spec.name for spec in calculator.fields if spec.name in pairs]
    command = " ".join([calculator.id, *(pair(name, pairs[name]) for name in ordered)])
    return Offer(command=command, needs=missing_inputs(calculator, values))
