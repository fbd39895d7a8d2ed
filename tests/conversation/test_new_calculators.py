"""What-ifs on the new calculators in a conversation: relative changes, new rates, the paired counts asked for."""

from decimal import Decimal

import numpy_financial as npf
import pytest

from evalbot.conversation.sensitivity import relative_change, scaled_inputs


def facts(reply) -> dict[str, str]:
    return {fact.label: fact.value for fact in reply.facts}


@pytest.mark.parametrize(
    ("text", "change"),
    [
        ("what if the benefit is 30% lower", ("benefit", Decimal("0.7"))),
        ("and if savings come in 25 percent lower?", ("benefit", Decimal("0.75"))),
        ("what if costs are 10% higher", ("cost", Decimal("1.1"))),
        ("say the build cost is 20% more", ("upfront", Decimal("1.2"))),
        ("what if benefits drop by 15%", ("benefit", Decimal("0.85"))),
        ("cut the savings by 40%", ("benefit", Decimal("0.6"))),
        ("50% less benefit?", ("benefit", Decimal("0.5"))),
        ("what if the rate were 12%", None),
    ],
)
def test_relative_change_is_read(text, change):
    """The subject and the factor of a change stated in percent; a plain new value is not one."""
    assert relative_change(text) == change


def test_flows_are_scaled_by_sign():
    """A lower benefit scales the inflows after year 0 and leaves the outlay alone."""
    scaled = scaled_inputs({"flows": "-150K,40K,60K", "rate": "8%"}, "benefit", Decimal("0.5"))
    assert scaled == {"flows": "-150000,20000,30000", "rate": "8%"}
    assert scaled_inputs({"flows": "-150K,40K"}, "cost", Decimal("2")) is None  # no running cost to change


def test_npv_what_if_the_savings_are_lower(talk):
    """After an NPV over flows, "what if the savings are 30% lower?" recomputes with 70% of each saving."""
    reply = talk("npv flows=-150K,40K,60K,50K,30K,20K rate=8%", "what if the savings are 30% lower?")
    expected = npf.npv(0.08, [-150e3, 28e3, 42e3, 35e3, 21e3, 14e3])
    assert reply.intent == "npv" and facts(reply)["NPV"] == "-$35.32K"
    assert expected == pytest.approx(-35_317, abs=1)


def test_payback_what_if_the_benefit_is_lower_then_a_new_rate(talk):
    """Two what-ifs in a row keep the earlier change: benefit 20% lower, then discounted at 12%."""
    reply = talk("payback upfront=1M benefit=300K", "what if the benefit is 20% lower", "and at 12%?")
    assert reply.intent == "payback"
    assert facts(reply) == {"Payback": "4 years 2 months", "Discounted payback": "6 years 1 month",
                            "Discount rate": "12%"}


def test_paired_counts_answer_the_question_asked(talk):
    """Two accuracies on the same cases ask for the discordant counts; "40 fixed, 20 broke" completes it."""
    asked = talk("We went from 87% to 89% on the same 1,000 cases: real, or noise?", key="paired")
    assert asked.intent == "compare" and asked.calculation.asking == "fixed"
    assert "discordant" in next(s.text for s in asked.sections if s.heading == "I still need")
    reply = talk("40 fixed, 20 broke", key="paired")
    assert facts(reply)["p-value"] == "p = 0.013" and facts(reply)["Verdict"].startswith("A real difference")


def test_sample_size_what_if_the_accuracy_is_known(talk):
    """The 50% worst case first; "what if accuracy is around 90%" plans again."""
    first = talk("how many cases for ±2 points", key="plan")
    assert facts(first)["Cases needed"] == "2,401"
    assert facts(talk("what if accuracy is around 90%", key="plan"))["Cases needed"] == "865"


def test_compare_at_another_confidence(talk):
    """"what about at 90% confidence" recompares at 90%."""
    reply = talk("compare a=92%/500 b=90%/2000", "what about at 90% confidence")
    assert facts(reply)["Confidence interval"] == "-0.5 points to +4.1 points"
