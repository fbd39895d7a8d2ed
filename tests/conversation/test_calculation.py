"""Follow-ups on a calculation: the input asked for, one at a time, and what-ifs on a finished one."""

import pytest
from reply_parts import facts, section

from evalbot.core.reply import ReplyKind

ROI = "ROI (benefit-to-cost)"


@pytest.mark.parametrize("answer", ["benefit is 10M", "benefit=10M", "the benefit is $10 million",
                                    "roi benefit=10M", "10M", "10 incidents at 1M each"])
def test_the_missing_input_is_filled_in_from_the_next_message(talk, answer):
    """`roi cost=2M`, asked for the benefit, then the benefit alone: computed with the cost kept."""
    reply = talk("roi cost=2M", answer)
    assert (reply.intent, reply.kind) == ("roi", ReplyKind.CALCULATOR)
    assert facts(reply)[ROI] == "5.0x" and "cost=$2M" in section(reply, "Inputs")


def test_inputs_are_asked_for_one_at_a_time_with_the_users_numbers(talk):
    """Each ask names one input, and its Try line is the user's own command plus that input."""
    first = talk("team-cost current=8")
    assert first.calculation.asking == "target" and "`target=" in section(first, "I still need")
    assert "cost_per_head" not in section(first, "I still need")
    assert section(first, "Try").startswith("`team-cost current=8 target=")
    second = talk("team-cost current=8", "target=12")
    assert second.calculation.asking == "cost_per_head"
    assert section(second, "Try").startswith("`team-cost current=8 target=12 cost_per_head=")
    done = talk("team-cost current=8", "target=12", "cost_per_head=150k")
    assert facts(done)["Added annual cost"] == "$600K"


def test_what_if_recomputes_the_last_calculation_with_the_change(talk):
    """"what if we prevent 5 incidents" after a complete ROI changes only the incidents."""
    reply = talk("roi cost=2M incidents=10 incident_cost=1M", "what if we prevent 5 incidents")
    assert facts(reply)[ROI] == "2.5x" and facts(reply)["Annual benefit"] == "$5M"


@pytest.mark.parametrize(
    ("start", "what_if", "label", "value"),
    [
        ("roi cost=2M incidents=10 incident_cost=1M", "what if it were only 5 incidents?", ROI, "2.5x"),
        ("roi cost=2M benefit=10M", "and if it cost 4M?", ROI, "2.5x"),
        ("npv upfront=500K cost=100K benefit=5M years=3", "what about 8%?", "NPV", "$12.13M"),
        ("npv upfront=500K cost=100K benefit=5M years=3 rate=8%", "and over 5 years", "NPV", "$19.06M"),
        ("team-cost current=8 target=15 cost_per_head=143K", "what if we grow to 20", "Added annual cost", "$1.72M"),
    ],
)
def test_what_ifs_change_one_figure_of_the_last_calculation(talk, start, what_if, label, value):
    """Each what-if recomputes the last calculation with only the stated figure changed."""
    assert facts(talk(start, what_if))[label] == value


def test_what_if_on_confidence_keeps_the_eval_result(talk):
    """"and at 95% confidence?" recomputes the interval of the same result at 95%."""
    before = talk("ci accuracy=92% n=500")
    after = talk("ci accuracy=92% n=500", "and at 95% confidence?")
    assert after.intent == "confidence-interval"
    assert facts(after)["Confidence interval"] != facts(before)["Confidence interval"]
    assert "confidence=95%" in section(after, "Inputs") and "n=500" in section(after, "Inputs")


def test_a_figure_the_other_way_replaces_the_old_one(talk):
    """A benefit given directly after incidents × cost replaces them instead of conflicting."""
    reply = talk("roi cost=2M incidents=10 incident_cost=1M", "what if the benefit is 20M")
    assert facts(reply)[ROI] == "10.0x" and "incidents" not in section(reply, "Inputs")


def test_a_bad_figure_in_a_follow_up_is_named_and_the_calculation_kept(talk):
    """A typo in a follow-up gets an error naming the field; the next good figure still completes it."""
    error = talk("roi cost=2M", "benefit=banana")
    assert error.kind is ReplyKind.ERROR and error.problem.field == "benefit" and error.intent == "roi"
    reply = talk("roi cost=2M", "benefit=banana", "benefit=10M")
    assert facts(reply)[ROI] == "5.0x"


def test_an_unknown_key_in_a_follow_up_names_the_calculators_inputs(talk):
    """`cots=3M` after an ROI is an error suggesting `cost`, not a silent new question."""
    reply = talk("roi cost=2M benefit=10M", "what if cots=3M")
    assert reply.kind is ReplyKind.ERROR and "Did you mean `cost`?" in reply.problem.message


def test_a_new_command_starts_afresh(talk):
    """A full command for another calculator is answered on its own, not merged."""
    reply = talk("roi cost=2M", "npv cost=100K benefit=5M")
    assert reply.intent == "npv" and facts(reply)["NPV"]


def test_a_new_question_is_not_taken_for_a_figure(talk):
    """A long, clear question after a calculation is routed fresh, whatever figures it holds."""
    reply = talk("roi cost=2M benefit=10M", "how do I pitch a 10M eval budget to the board of directors?")
    assert reply.kind is ReplyKind.TOPIC


def test_thanks_does_not_end_the_calculation(talk):
    """A thank-you between the ask and the answer leaves the calculation waiting."""
    reply = talk("roi cost=2M", "thanks", "benefit is 10M")
    assert facts(reply)[ROI] == "5.0x"


def test_a_template_waiting_for_a_figure_is_filled_in_by_the_next_message(talk):
    """`template budget-pitch cost=2M`, then "benefit is 10M": the same draft, now with the ROI written in."""
    first = talk("template budget-pitch cost=2M")
    assert first.calculation.asking == "benefit" and "[" in first.draft
    reply = talk("template budget-pitch cost=2M", "benefit is 10M")
    assert reply.intent == "template:budget-pitch" and facts(reply)[ROI] == "5.0x"
    assert "$2M" in reply.draft and "5.0x" in reply.draft


def test_a_figure_a_follow_up_cannot_use_is_named_back(talk):
    """"… in 7 weeks" in a what-if changes the incidents and says the 7 weeks went unused."""
    reply = talk("roi cost=2M incidents=10 incident_cost=1M", "what if we prevent 5 incidents in 7 weeks")
    assert facts(reply)[ROI] == "2.5x" and section(reply, "Not used") == "I didn't use: 7 weeks."
