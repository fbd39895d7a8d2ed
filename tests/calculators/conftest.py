"""Helpers for calculator tests: run a calculator from `key=value` strings, as users type them."""

import pytest

from evalbot.calculators import get_calculator, missing_inputs, read_inputs, run


@pytest.fixture()
def calculate():
    def _calculate(calculator_id: str, **args: str):
        calculator = get_calculator(calculator_id)
        values = read_inputs(calculator, args)
        assert not missing_inputs(calculator, values)
        return run(calculator, values)

    return _calculate
