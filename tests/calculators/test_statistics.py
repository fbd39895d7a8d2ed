"""Sample size, comparisons, the rule of three and clustered intervals, typed as `key=value`."""

import pytest
from statsmodels.stats.contingency_tables import mcnemar
from statsmodels.stats.proportion import confint_proportions_2indep, proportions_ztest

from evalbot.calculators import get_calculator, read_inputs, still_needed
from evalbot.errors import CommandError


@pytest.mark.parametrize(
    ("args", "cases", "assumed"),
    [
        ({"margin": "2"}, "2,401", ("accuracy", "confidence")),
        ({"margin": "2%", "accuracy": "90%", "confidence": "95%"}, "865", ()),
        ({"margin": "0.03", "accuracy": "80%", "confidence": "90%"}, "481", ()),
        ({"difference": "3", "accuracy": "90%"}, "1,774", ("confidence", "power")),
    ],
)
def test_sample_size(calculate, args, cases, assumed):
    """Cases needed, rounded up, with the defaults it assumed stated."""
    outcome = calculate("sample-size", **args)
    assert outcome.presentation.outputs["cases"] == cases
    assert set(assumed) <= set(outcome.assumed)


def test_sample_size_states_the_worst_case_assumption(calculate):
    """No accuracy: 50% is assumed, and the reply's assumption line says it is the worst case."""
    outcome = calculate("sample-size", margin="2")
    assert outcome.values["accuracy"] == 0.5 and "accuracy" in outcome.assumed
    assert "worst case" in get_calculator("sample-size").spec("accuracy").assumed


def test_sample_size_budget_gives_what_it_can_detect(calculate):
    """With `n`, the margin or smallest detectable difference those cases give."""
    margin = calculate("sample-size", margin="2", accuracy="90%", n="500")
    assert margin.presentation.outputs["with_budget"] == "2.6 points"
    power = calculate("sample-size", difference="3", accuracy="90%", n="1000")
    assert "smallest change you can reliably detect is 4.1 points" in power.presentation.summary


def test_independent_comparison_matches_the_references(calculate):
    """92% of 500 vs 90% of 2000: Newcombe interval and score-test p as statsmodels has them; not significant."""
    outcome = calculate("compare", a="92%/500", b="90%/2000")
    low, high = confint_proportions_2indep(460, 500, 1800, 2000, method="newcomb")
    assert (outcome.result.low, outcome.result.high) == pytest.approx((low, high), abs=1e-9)
    assert outcome.result.p_value == pytest.approx(proportions_ztest([460, 1800], [500, 2000])[1], abs=1e-9)
    assert outcome.presentation.outputs["verdict"] == "Not distinguishable from noise at 95% confidence"


def test_paired_comparison_uses_mcnemar(calculate):
    """40 fixed, 20 broke of 1000: McNemar exact p as statsmodels has it, a real improvement at 95%."""
    outcome = calculate("compare", fixed="40", broke="20", n="1000")
    assert outcome.result.p_value == pytest.approx(mcnemar([[0, 40], [20, 0]], exact=True).pvalue, abs=1e-12)
    assert outcome.result.difference == pytest.approx(0.02)
    assert outcome.presentation.outputs["verdict"].startswith("A real difference")


@pytest.mark.parametrize(
    ("args", "needed"),
    [
        ({"a": "87%", "b": "89%", "n": "1000"}, ["fixed", "broke"]),
        ({"fixed": "40"}, ["broke", "n"]),
        ({"a": "92%/500"}, ["b"]),
    ],
)
def test_compare_asks_for_what_the_design_needs(args, needed):
    """Two accuracies on the same cases ask for the discordant counts; a half-given design asks for the rest."""
    calculator = get_calculator("compare")
    assert still_needed(calculator, read_inputs(calculator, args)) == needed


def test_asking_for_discordant_counts_says_why():
    """The question for `fixed` explains that pairing needs the discordant counts."""
    assert "discordant" in get_calculator("compare").spec("fixed").ask()


def test_rule_of_three(calculate):
    """0 failures in 30: below 10% with 95% confidence; the exact bound is given too."""
    outcome = calculate("confidence-interval", failures="0", n="30")
    assert "failure rate is below *10%* with 95% confidence" in outcome.presentation.summary
    assert "exactly, below 9.5%" in outcome.presentation.summary


def test_zero_successes_get_the_rule_of_three_too(calculate):
    """0 correct in 60: the success rate is below 5%."""
    assert "success rate is below *5%*" in calculate("confidence-interval", correct="0", n="60").presentation.summary


def test_clustered_interval_widens_and_says_by_how_much(calculate):
    """Clusters of 10 at ICC 0.1: design effect 1.9, the Wilson interval on 500/1.9 cases, and the widening."""
    outcome = calculate("confidence-interval", accuracy="92%", n="500", cluster_size="10", icc="0.1")
    plain = calculate("confidence-interval", accuracy="92%", n="263.157894736842".split(".")[0])
    assert outcome.result.design_effect == pytest.approx(1.9)
    assert outcome.result.low == pytest.approx(plain.result.low, abs=5e-4)
    assert "design effect is 1.90" in outcome.presentation.summary and "wider" in outcome.presentation.summary


def test_a_stated_design_effect_is_used_as_given(calculate):
    """design_effect=2: half the cases count."""
    assert calculate("confidence-interval", accuracy="80%", n="400", design_effect="2").result.design_effect == 2


def test_cluster_size_alone_asks_for_the_correlation():
    """Clusters without an ICC or a design effect: the ICC is asked for."""
    calculator = get_calculator("confidence-interval")
    assert still_needed(calculator, read_inputs(calculator, {"accuracy": "92%", "n": "500", "cluster_size": "10"})) \
        == ["icc"]


@pytest.mark.parametrize(
    ("calculator_id", "args", "field"),
    [
        ("confidence-interval", {"correct": "-3", "n": "500"}, "correct"),
        ("confidence-interval", {"correct": "600", "n": "500"}, "correct"),
        ("confidence-interval", {"failures": "31", "n": "30"}, "failures"),
        ("confidence-interval", {"accuracy": "92%", "n": "500", "icc": "1.5", "cluster_size": "4"}, "icc"),
        ("compare", {"a": "600/500", "b": "90%/2000"}, "a"),
        ("compare", {"a": "92%/500", "b": "140%/2000"}, "b"),
        ("compare", {"fixed": "700", "broke": "400", "n": "1000"}, "n"),
        ("compare", {"fixed": "-4", "broke": "2", "n": "100"}, "fixed"),
        ("compare", {"a": "92%", "b": "90%/2000"}, "a"),
        ("sample-size", {"margin": "80"}, "margin"),
        ("sample-size", {"difference": "60", "accuracy": "45%"}, "difference"),
        ("sample-size", {"margin": "2", "power": "120%"}, "power"),
    ],
)
def test_impossible_statistics_inputs_name_the_field(calculate, calculator_id, args, field):
    """Negative counts, successes above n, probabilities outside 0-1: a CommandError naming the field."""
    with pytest.raises(CommandError) as caught:
        calculate(calculator_id, **args)
    assert caught.value.field == field and caught.value.example
