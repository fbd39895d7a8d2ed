"""The calculators, by id: roi, npv, irr, payback, team-cost, confidence-interval (alias `ci`), sample-size, compare.

Each module holds a pure function with pydantic input and result models, and a
`CALCULATOR` describing its fields and outputs; the handler, the Slack form and
the template engine all work from this registry.
"""

from collections.abc import Mapping
from types import MappingProxyType

from evalbot.calculators import compare, confidence_interval, irr, npv, payback, roi, sample_size, team_cost
from evalbot.calculators.base import (
    Calculator,
    Outcome,
    alternatives,
    formatted_inputs,
    given_inputs,
    missing_inputs,
    read_inputs,
    run,
    still_needed,
)
from evalbot.calculators.fields import FieldSpec

# Read-only: the registry is fixed at import time.
CALCULATORS: Mapping[str, Calculator] = MappingProxyType(
    {module.CALCULATOR.id: module.CALCULATOR for module in (roi, npv, irr, payback, team_cost, confidence_interval, sample_size, compare)}
)


def get_calculator(calculator_id: str) -> Calculator | None:
    return CALCULATORS.get(calculator_id)


__all__ = ["CALCULATORS", "Calculator", "FieldSpec", "Outcome", "alternatives", "formatted_inputs", "get_calculator",
           "given_inputs", "missing_inputs", "read_inputs", "run", "still_needed"]
