"""NPV over year-by-year flows, IRR and payback, typed as `key=value`: results, wording and error lines."""

import numpy_financial as npf
import pytest

from evalbot.errors import CommandError


@pytest.mark.parametrize(
    ("args", "flows", "payback", "discounted"),
    [
        ({"flows": "-150K,40K,60K,50K,30K,20K", "rate": "8%"}, [-150e3, 40e3, 60e3, 50e3, 30e3, 20e3], "3 years",
         "4 years"),
        ({"flows": "-400K,100K,150K,150K,120K", "rate": "9%"}, [-400e3, 100e3, 150e3, 150e3, 120e3],
         "3 years", "3 years 9 months"),
        ({"flows": "-1,000,000; 300,000; 300,000; 300,000; 300,000"}, [-1e6, 3e5, 3e5, 3e5, 3e5],
         "3 years 4 months", "not within 4 years"),
    ],
)
def test_npv_over_flows(calculate, args, flows, payback, discounted):
    """NPV (as numpy-financial has it), payback and discounted payback; the horizon is the flows' own."""
    outcome = calculate("npv", **args)
    assert outcome.result.npv == pytest.approx(npf.npv(outcome.result.rate, flows), abs=0.01)
    assert (outcome.presentation.outputs["payback"], outcome.presentation.outputs["discounted_payback"]) == \
        (payback, discounted)
    assert "years" not in outcome.assumed and [row.year for row in outcome.result.table] == list(range(len(flows)))


def test_npv_break_even_for_level_figures(calculate):
    """Level figures: the break-even benefit makes the NPV zero."""
    outcome = calculate("npv", upfront="1M", cost="100K", benefit="500K", years="3", rate="10%")
    again = calculate("npv", upfront="1M", cost="100K", benefit=str(outcome.result.break_even_benefit), years="3",
                      rate="10%")
    assert again.result.npv == pytest.approx(0, abs=0.01)
    assert "a benefit of $502.11K a year makes the NPV zero" in outcome.presentation.summary


def test_npv_flows_cushion_says_how_far_savings_can_fall(calculate):
    """Flows: the share by which every later inflow can fall before the NPV reaches zero."""
    outcome = calculate("npv", flows="-150K,40K,60K,50K,30K,20K", rate="8%")
    flows = [-150e3, 40e3, 60e3, 50e3, 30e3, 20e3]
    assert outcome.result.inflow_cushion == pytest.approx(npf.npv(0.08, flows) / (npf.npv(0.08, flows) + 150e3))
    assert "the savings after year 0 can fall 8%" in outcome.presentation.summary


def test_flows_cannot_be_mixed_with_level_figures(calculate):
    """`flows` with `upfront` is one line naming the field."""
    with pytest.raises(CommandError, match="`upfront` can't go with `flows`"):
        calculate("npv", flows="-100K,60K,60K", upfront="10K")


@pytest.mark.parametrize(
    ("args", "irr"),
    [
        ({"upfront": "500K", "benefit": "200K", "years": "4"}, "21.9%"),
        ({"flows": "-400K,100K,150K,150K,120K"}, "11.1%"),
        ({"upfront": "1M", "benefit": "400K", "cost": "100K", "years": "5"}, "15.2%"),
    ],
)
def test_irr(calculate, args, irr):
    """The one IRR of an outlay followed by savings, to one decimal."""
    assert calculate("irr", **args).presentation.outputs["irr"] == irr


def test_irr_says_when_there_are_several():
    """Flows changing sign twice with two roots: both named, and NPV recommended."""
    from evalbot.calculators import get_calculator, read_inputs, run

    calculator = get_calculator("irr")
    outcome = run(calculator, read_inputs(calculator, {"flows": "-100,230,-132"}))
    assert outcome.presentation.outputs["irr"] == "10% and 20%"
    assert "more than one IRR" in outcome.presentation.summary and "NPV" in outcome.presentation.summary


@pytest.mark.parametrize("flows", ["100K,200K,300K", "-100K,-20K", "0,50K,60K"])
def test_irr_without_a_sign_change_is_one_line_naming_flows(calculate, flows):
    """Flows that never change sign have no IRR: a CommandError on `flows` with an example."""
    with pytest.raises(CommandError) as caught:
        calculate("irr", flows=flows)
    assert caught.value.field == "flows" and "no IRR" in caught.value.message and caught.value.example


@pytest.mark.parametrize(
    ("args", "payback", "discounted"),
    [
        ({"upfront": "1M", "benefit": "300K"}, "3 years 4 months", "4 years 3 months"),
        ({"upfront": "600K", "benefit": "300K", "rate": "0%"}, "2 years", "2 years"),
        ({"upfront": "500K", "benefit": "200K", "cost": "50K"}, "3 years 4 months", "4 years 3 months"),
    ],
)
def test_payback(calculate, args, payback, discounted):
    """Plain and discounted payback in years and months."""
    outputs = calculate("payback", **args).presentation.outputs
    assert (outputs["payback"], outputs["discounted_payback"]) == (payback, discounted)


def test_payback_never_when_running_cost_eats_the_saving(calculate):
    """A saving no larger than the running cost never pays back, and says why."""
    outcome = calculate("payback", upfront="100K", benefit="50K", cost="60K")
    assert outcome.result.payback is None and "never pays back" in outcome.presentation.summary


@pytest.mark.parametrize(
    ("calculator_id", "args", "field"),
    [
        ("npv", {"flows": "-100K"}, "flows"),
        ("npv", {"flows": "-100K,banana"}, "flows"),
        ("irr", {"upfront": "-5K", "benefit": "1K"}, "upfront"),
        ("payback", {"upfront": "1M", "benefit": "300K", "rate": "140%"}, "rate"),
    ],
)
def test_impossible_finance_inputs_name_the_field(calculate, calculator_id, args, field):
    """Unreadable or impossible inputs raise a CommandError naming the field, with an example."""
    with pytest.raises(CommandError) as caught:
        calculate(calculator_id, **args)
    assert caught.value.field == field and caught.value.example
