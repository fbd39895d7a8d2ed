"""Fuzzing the input parsers and the template renderer: a bounded, finite value or our CommandError."""

import math

import pytest
from fuzz_strategies import ODD_VALUES, TEMPLATE_CANARIES, assert_no_template_evaluated, fuzz_settings, hostile_text
from hypothesis import example, given
from hypothesis import strategies as st

from evalbot.errors import CommandError
from evalbot.inputs.extract import detect_calculation, extract_inputs
from evalbot.inputs.money import parse_money
from evalbot.inputs.numbers import parse_count, parse_number
from evalbot.inputs.percent import parse_percent


@st.composite
def numberish(draw: st.DrawFn) -> str:
    """Strings shaped like numbers people type: signs, commas, decimals, exponents, units, symbols."""
    digits = draw(st.sampled_from(["0", "1", "7", "12", "999", "1000", "1,200", "1,200,000", "12,34", "0.5", ".5",
                                   "5.", "3.14159", "1" * 30, "0" * 20 + "1", "1,2,3", "9" * 400]))
    return "".join([
        draw(st.sampled_from(["", "", "-", "+", "\u2212", "$", "-$", "$-", "USD ", "us$"])),
        digits,
        draw(st.sampled_from(["", "", "e3", "e-3", "e999999999", "e-999999999", "E+2", "e", "e1e1"])),
        draw(st.sampled_from(["", "", " ", "k", "K", "m", "M", "mm", "bn", "t", "trillion", " million", "%", " %",
                              " percent", "x", "/year", " a year", " dollars", "kk", "µ", "٣"])),
    ])


values = st.one_of(numberish(), st.sampled_from(ODD_VALUES), hostile_text(max_size=60), st.text(max_size=20))


def error_is_clear(error: CommandError, field: str) -> None:
    """Our errors name the field and stay short (the raw value is echoed at most ~40 characters)."""
    assert error.field == field and field in error.message
    assert len(error.message) <= 400, error.message


@fuzz_settings(400)
@given(raw=values, allow_zero=st.booleans())
@example(raw="1e309", allow_zero=False)
@example(raw="NaN", allow_zero=True)
@example(raw="-0", allow_zero=True)
def test_parse_money(raw, allow_zero):
    """Money is a finite amount from $0.01 (or 0) to $10T, or our error naming the field."""
    try:
        value = parse_money(raw, field="cost", allow_zero=allow_zero)
    except CommandError as e:
        error_is_clear(e, "cost")
        return
    assert math.isfinite(value) and (0.01 <= value or (allow_zero and value == 0)) and value <= 1e13, value


@fuzz_settings(300)
@given(raw=values, bounds=st.sampled_from([(1, 10**9), (0, 100), (2, 1_000_000)]))
def test_parse_count(raw, bounds):
    """Counts are whole numbers within bounds, or our error."""
    low, high = bounds
    try:
        value = parse_count(raw, field="n", low=low, high=high)
    except CommandError as e:
        error_is_clear(e, "n")
        return
    assert isinstance(value, int) and low <= value <= high


@fuzz_settings(300)
@given(raw=values, bounds=st.sampled_from([(0.0, 1e6), (0.01, 50.0), (-100.0, 100.0)]))
def test_parse_number(raw, bounds):
    """Plain numbers are finite and within bounds, or our error."""
    low, high = bounds
    try:
        value = parse_number(raw, field="incidents", low=low, high=high)
    except CommandError as e:
        error_is_clear(e, "incidents")
        return
    assert math.isfinite(value) and low <= value <= high


@fuzz_settings(300)
@given(raw=values, bounds=st.sampled_from([(0.0, 100.0), (50.0, 99.9), (-50.0, 200.0)]))
def test_parse_percent(raw, bounds):
    """Percentages come back as finite fractions within the bounds, or our error."""
    low, high = bounds
    try:
        value = parse_percent(raw, field="rate", low=low, high=high)
    except CommandError as e:
        error_is_clear(e, "rate")
        return
    assert math.isfinite(value) and low / 100 - 1e-12 <= value <= high / 100 + 1e-12


@pytest.mark.parametrize("raw", ["9" * 400, "9" * 40_000])
def test_percent_error_is_short(raw):
    """An out-of-range percentage is refused with a short message, however long the number typed.

    (Found by this suite: the message used to show the value as points, 403 digits for '9' * 400.)
    """
    with pytest.raises(CommandError) as caught:
        parse_percent(raw, field="rate")
    error_is_clear(caught.value, "rate")


prose = st.one_of(
    hostile_text(max_size=4_000),
    st.builds(" ".join, st.lists(st.sampled_from(
        ["we", "spend", "prevent", "incidents", "at", "each", "a", "year", "cost", "benefit", "accuracy", "on",
         "samples", "team", "of", "grow", "to", "engineers", "upfront", "discount", "rate", "npv", "over", "years",
         *ODD_VALUES[:40]]), max_size=40)),
)


@pytest.mark.parametrize("calculator", ["roi", "npv", "team-cost", "confidence-interval", "unknown"])
@fuzz_settings(100)
@given(text=prose)
def test_extract_inputs(calculator, text):
    """Inputs pulled from prose are strings keyed by name; unknown calculators give none."""
    found = extract_inputs(calculator, text)
    assert isinstance(found, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in found.items())
    if calculator == "unknown":
        assert found == {}


@fuzz_settings(300)
@given(text=prose)
@example("we spend 2M and prevent 10 incidents at 1M each")
def test_detect_calculation(text):
    """Free text names at most one calculator, and only a real one."""
    assert detect_calculation(text) in (None, "roi", "npv", "team-cost", "confidence-interval")


@fuzz_settings(200)
@given(data=st.data())
def test_render_draft_any_values(brain, data):
    """Every template renders any values into a draft or our error; user text is never a template."""
    from evalbot.drafting.render import render_draft
    from evalbot.knowledge_base.models import Template

    templates = [entry for entry in brain.knowledge.entries.values() if isinstance(entry, Template)]
    if not templates:
        pytest.skip("no templates in the knowledge base yet")
    template = data.draw(st.sampled_from(templates))
    names = [field.name for field in template.fields] or ["x"]
    canary = st.sampled_from([expression for expression, _ in TEMPLATE_CANARIES] + ["{{ 7*7 }}", "{% raw %}"])
    args = data.draw(st.dictionaries(st.sampled_from(names), values | canary, max_size=len(names)))
    text = data.draw(st.none() | prose | canary)
    try:
        draft = render_draft(template, args=args, text=text or "")
    except CommandError as e:
        assert e.message
        return
    assert isinstance(draft.text, str) and draft.text.endswith("\n")
    assert_no_template_evaluated(" ".join([*args.values(), text or ""]), draft.text)
    if "49" in draft.text and any("{{ 7*7 }}" in value for value in args.values()):
        # Differential: the same values with {{ 8*8 }} must show 49 too, or 49 came from evaluating 7*7.
        eights = {key: value.replace("{{ 7*7 }}", "{{ 8*8 }}") for key, value in args.items()}
        assert "49" in render_draft(template, args=eights, text=text or "").text, "{{ 7*7 }} became 49"
