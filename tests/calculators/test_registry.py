"""The registry: every calculator's description is complete and consistent, and any input is safe."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evalbot.calculators import CALCULATORS, get_calculator, missing_inputs, read_inputs, run
from evalbot.errors import CommandError
from evalbot.inputs.pairs import split_pairs

IDS = sorted(CALCULATORS)


def test_registry_holds_the_spec_calculators():
    """The spec's eight calculators, and nothing can be added at run time."""
    assert IDS == ["compare", "confidence-interval", "irr", "npv", "payback", "roi", "sample-size", "team-cost"]
    with pytest.raises(TypeError):
        CALCULATORS["x"] = CALCULATORS["roi"]  # type: ignore[index]
    assert get_calculator("nope") is None


@pytest.mark.parametrize("calculator_id", IDS)
def test_example_command_runs(calculator_id):
    """Each calculator's own example is complete and valid."""
    calculator = CALCULATORS[calculator_id]
    values = read_inputs(calculator, split_pairs(calculator.example.split(maxsplit=1)[1]).pairs)
    assert not missing_inputs(calculator, values)
    assert run(calculator, values).presentation.summary


@pytest.mark.parametrize("calculator_id", IDS)
def test_outputs_match_what_present_returns(calculator_id):
    """Every declared output is produced, and nothing undeclared is (templates rely on this)."""
    calculator = CALCULATORS[calculator_id]
    values = read_inputs(calculator, split_pairs(calculator.example.split(maxsplit=1)[1]).pairs)
    outputs = run(calculator, values).presentation.outputs
    assert set(outputs) == {o.name for o in calculator.outputs}


@pytest.mark.parametrize("calculator_id", IDS)
def test_field_examples_and_defaults_parse(calculator_id):
    """Each field's example and default is valid input for that field."""
    calculator = CALCULATORS[calculator_id]
    for spec in calculator.fields:
        read_inputs(calculator, {spec.name: spec.example})
        if spec.default is not None:
            read_inputs(calculator, {spec.name: spec.default})


@pytest.mark.parametrize("calculator_id", IDS)
def test_aliases_are_unique(calculator_id):
    """No key means two different fields."""
    calculator = CALCULATORS[calculator_id]
    keys = [key for f in calculator.fields for key in (f.name, *f.aliases)]
    assert len(keys) == len(set(keys))


def test_alias_reads_as_the_field():
    """`samples=500` is `n=500` for the confidence interval."""
    assert read_inputs(CALCULATORS["confidence-interval"], {"samples": "500"}) == {"n": 500}


@pytest.mark.parametrize(
    ("calculator_id", "args", "field"),
    [
        ("roi", {"cost": "banana"}, "cost"),
        ("roi", {"cost": "0"}, "cost"),
        ("roi", {"cost": "-5M"}, "cost"),
        ("roi", {"cost": "1e400"}, "cost"),
        ("confidence-interval", {"accuracy": "140%"}, "accuracy"),
        ("confidence-interval", {"n": "0"}, "n"),
        ("confidence-interval", {"n": "2.5"}, "n"),
        ("confidence-interval", {"confidence": "100%"}, "confidence"),
        ("npv", {"years": "5000"}, "years"),
        ("npv", {"rate": "150%"}, "rate"),
        ("team-cost", {"target": "-1"}, "target"),
        ("roi", {"cots": "2M"}, "cots"),
    ],
)
def test_bad_inputs_name_the_field(calculator_id, args, field):
    """The issue's bad inputs each raise a CommandError naming the field, with an example."""
    with pytest.raises(CommandError) as caught:
        read_inputs(CALCULATORS[calculator_id], args)
    assert caught.value.field == field and caught.value.example == CALCULATORS[calculator_id].example


_VALUES = st.one_of(
    st.text(max_size=12),
    st.from_regex(r"\A-?\$?[0-9]{1,16}(\.[0-9]{1,3})?(e[0-9]{1,4})? ?(k|K|M|mm|million|bn|%)?\Z"),
)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(IDS), st.data())
def test_any_input_gives_a_result_or_our_error(calculator_id, data):
    """Any mix of keys and values: a finite result, a list of missing inputs, or a CommandError."""
    calculator = CALCULATORS[calculator_id]
    keys = [f.name for f in calculator.fields] + ["bogus"]
    args = data.draw(st.dictionaries(st.sampled_from(keys), _VALUES, max_size=5))
    try:
        values = read_inputs(calculator, args)
        if missing_inputs(calculator, values):
            return
        outcome = run(calculator, values)
    except CommandError as e:
        assert e.message and e.example
        return
    for number in outcome.result.model_dump().values():
        if isinstance(number, float):
            assert math.isfinite(number)
    text = " ".join([outcome.presentation.summary, *outcome.presentation.outputs.values()]).lower()
    assert "nan" not in text.split() and "inf" not in text


def test_a_field_and_its_alias_with_different_values_conflict():
    """`cost=2M spend=3M` names one field twice: a conflict, not a silent pick."""
    with pytest.raises(CommandError, match="given twice"):
        read_inputs(CALCULATORS["roi"], {"cost": "2M", "spend": "3M"})


def test_typed_input_wins_over_prose():
    """A value typed as `key=value` replaces the same field read from the sentence."""
    assert read_inputs(CALCULATORS["roi"], {"spend": "3M"}, prose={"cost": "2m"}) == {"cost": 3_000_000}
