"""The calculator handler through the brain: figures as facts, missing inputs, errors, prose."""

import pytest

from evalbot.core.handlers.calculator import answer_calculator, calculation_for
from evalbot.core.reply import ReplyKind
from evalbot.errors import CommandError
from evalbot.knowledge_base.models import CalculatorCard


def facts(reply) -> dict[str, str]:
    return {f.label: f.value for f in reply.facts}


@pytest.mark.parametrize(
    ("text", "intent", "label", "value"),
    [
        ("roi cost=2M incidents=10 incident_cost=1M", "roi", "ROI (benefit-to-cost)", "5.0x"),
        ("roi cost=2M incidents=10 incident_cost=1M", "roi", "Annual benefit", "$10M"),
        ("roi cost=1.5M benefit=10M", "roi", "ROI (benefit-to-cost)", "6.7x"),
        ("npv upfront=500K cost=100K benefit=5M years=3 rate=10%", "npv", "NPV", "$11.69M"),
        ("team-cost current=8 target=15 cost_per_head=143K", "team-cost", "Added annual cost", "$1.0M"),
        ("ci accuracy=92% n=500 confidence=90%", "confidence-interval", "Confidence interval", "89.8%-93.8%"),
        ("wilson correct=460 n=500", "confidence-interval", "Confidence interval", "89.8%-93.8%"),
    ],
)
def test_guide_checks_from_key_value_input(brain, text, intent, label, value):
    """Each guide check, typed as a command, comes back as a labelled fact."""
    reply = brain.answer(text)
    assert (reply.intent, reply.kind) == (intent, ReplyKind.CALCULATOR)
    assert facts(reply)[label] == value
    assert reply.citation and reply.citation.startswith("From the guide")
    assert reply.form is None


@pytest.mark.parametrize(
    ("text", "intent", "label", "value"),
    [
        ("if eval costs 2 million and prevents 12 incidents at 800k each, is it worth it?", "roi",
         "ROI (benefit-to-cost)", "4.8x"),
        ("we spend 2M and prevent 10 incidents at 1M each", "roi", "ROI (benefit-to-cost)", "5.0x"),
        ("what's the roi if we spend 1.5M and save 9M", "roi", "ROI (benefit-to-cost)", "6.0x"),
        ("ci for 92% accuracy on 500 samples", "confidence-interval", "Confidence interval", "89.8%-93.8%"),
        ("grow the team from 8 to 15 at 143k each", "team-cost", "Added annual cost", "$1.0M"),
        ("how sure can I be of 91% on 300 samples", "confidence-interval", "Accuracy", "91%"),
    ],
)
def test_guide_checks_from_sentences(brain, text, intent, label, value):
    """Sentences that state every input are answered with the numbers."""
    reply = brain.answer(text)
    assert (reply.intent, reply.kind) == (intent, ReplyKind.CALCULATOR)
    assert facts(reply)[label] == value and reply.confidence >= 0.9


def test_ci_is_phrased_as_the_guide_does(brain):
    """The interpretation leads with "Accuracy is 92% with 90% confidence (... CI)"."""
    reply = brain.answer("ci accuracy=92% n=500 confidence=90%")
    assert reply.sections[0].text.startswith("*Accuracy is 92% with 90% confidence (89.8%-93.8% CI).*")


def test_defaults_are_shown(brain):
    """Inputs left to their defaults are marked as such, and stated as assumptions with how to change them."""
    reply = brain.answer("npv cost=100K benefit=5M")
    inputs = next(s.text for s in reply.sections if s.heading == "Inputs")
    assert "years=3 (default)" in inputs and "rate=10% (default)" in inputs
    assert next(s.text for s in reply.sections if s.heading == "Assumptions").splitlines() == [
        "Assuming an upfront build cost of $0; say `upfront=500K` to change it.",
        "Assuming a 3-year horizon; say `years=5` to change it.",
        "Assuming a 10% discount rate; say `rate=8%` to change it.",
    ]
    assert reply.calculation.assumed == {"upfront": "0", "years": "3", "rate": "10%"}


def test_ci_states_its_default_confidence(brain):
    """The confidence interval's 90% default is an assumption the user can change."""
    reply = brain.answer("ci accuracy=92% n=500")
    assert next(s.text for s in reply.sections if s.heading == "Assumptions") == (
        "Assuming 90% confidence; say `confidence=95%` to change it.")


def test_given_values_are_not_assumptions(brain):
    """Nothing is listed as assumed when every input was given."""
    reply = brain.answer("npv upfront=500K cost=100K benefit=5M years=3 rate=10%")
    assert not any(s.heading == "Assumptions" for s in reply.sections) and reply.calculation.assumed == {}


def test_npv_has_a_year_by_year_table(brain):
    """NPV adds a year-by-year section starting at year 0."""
    reply = brain.answer("npv upfront=500K cost=100K benefit=5M")
    table = next(s.text for s in reply.sections if s.heading == "Year by year")
    assert table.startswith("• Year 0: upfront -$500K") and "Year 3" in table


@pytest.mark.parametrize(
    ("text", "intent", "question", "missing", "tried"),
    [
        ("roi", "roi", "*What does the program cost a year?* e.g. `cost=2M`", ["cost", "benefit"],
         "`roi cost=2M benefit=10M`"),
        ("roi cost=2M", "roi", "*What's the annual benefit?* e.g. `benefit=10M`, or `incidents=10 incident_cost=1M`",
         ["benefit"], "`roi cost=2M benefit=10M`"),
        ("roi cost=3.5M incidents=12", "roi", "*What does one incident cost?* e.g. `incident_cost=1M`, or "
         "`benefit=10M`", ["incident_cost"], "`roi cost=3.5M incidents=12 incident_cost=1M`"),
        ("npv", "npv", "*What does it cost a year to run?* e.g. `cost=100K`, or `flows=-150K,40K,60K,50K`",
         ["cost", "benefit"],
         "`npv cost=100K benefit=5M`"),
        ("team-cost current=9", "team-cost", "*How many people should the team have?* e.g. `target=15`",
         ["target", "cost_per_head"], "`team-cost current=9 target=15 cost_per_head=143K`"),
        ("ci n=750", "confidence-interval", "*What accuracy did you measure?* e.g. `accuracy=92%`, or `correct=460`, or `failures=0`",
         ["accuracy"], "`confidence-interval accuracy=92% n=750`"),
    ],
)
def test_missing_inputs_are_asked_for_one_at_a_time(brain, text, intent, question, missing, tried):
    """Missing inputs: one question with its example, a Try line with the user's own figures, and a form."""
    reply = brain.answer(text)
    assert (reply.intent, reply.kind, reply.form) == (intent, ReplyKind.CALCULATOR, intent)
    assert next(s.text for s in reply.sections if s.heading == "I still need") == question
    assert next(s.text for s in reply.sections if s.heading == "Try") == tried
    assert reply.calculation.missing == missing and reply.calculation.asking == missing[0]
    assert not reply.facts


def test_partial_input_is_acknowledged(brain):
    """What was given is echoed back (formatted) so the user sees it was understood, and kept as typed."""
    reply = brain.answer("roi cost=2M")
    assert next(s.text for s in reply.sections if s.heading == "I have") == "`cost` = $2M"
    assert reply.calculation.model_dump() == {"calculator": "roi", "known": {"cost": "2M"}, "missing": ["benefit"],
                                              "asking": "benefit", "assumed": {}}


@pytest.mark.parametrize(
    ("text", "intent", "field", "words"),
    [
        ("roi cost=banana benefit=10M", "roi", "cost", "isn't one"),
        ("roi cost=0 benefit=10M", "roi", "cost", "more than $0"),
        ("roi cost=-5M benefit=10M", "roi", "cost", "more than $0"),
        ("roi cost=1e400 benefit=10M", "roi", "cost", "at most $10T"),
        ("ci accuracy=140% n=500", "confidence-interval", "accuracy", "between 0% and 100%"),
        ("ci accuracy=92% n=0", "confidence-interval", "n", "between 1 and"),
        ("ci accuracy=92% n=2.5", "confidence-interval", "n", "whole number"),
        ("ci accuracy=92% n=500 confidence=99.95%", "confidence-interval", "confidence", "99.9%"),
        ("npv cost=100K benefit=5M years=5000", "npv", "years", "between 1 and 50"),
        ("roi cost=2M benefit=5M incidents=10 incident_cost=1M", "roi", "benefit", "disagrees"),
        ("roi cots=2M", "roi", "cots", "Did you mean `cost`?"),
    ],
)
def test_bad_input_is_an_error_reply_for_the_calculator(brain, text, intent, field, words):
    """Bad input: an error reply with the calculator's intent, the field, the problem and an example."""
    reply = brain.answer(text)
    assert (reply.intent, reply.kind) == (intent, ReplyKind.ERROR)
    assert reply.problem.field == field and words in reply.problem.message
    assert reply.problem.example and "For example" in reply.sections[0].text


def test_form_submission_path(brain):
    """`answer_intent` (buttons, forms) runs the calculator from raw field values."""
    reply = brain.answer_intent("roi", args={"cost": "2M", "benefit": "10M"})
    assert facts(reply)["ROI (benefit-to-cost)"] == "5.0x"


def test_form_values_with_markup_are_errors_not_crashes(brain):
    """Slack markup typed into a form field is an unreadable value, reported plainly."""
    reply = brain.answer_intent("roi", args={"cost": "<!channel>", "benefit": "10M"})
    assert reply.kind is ReplyKind.ERROR and reply.problem.field == "cost"


def test_sentence_asking_for_a_draft_is_left_to_the_template(brain):
    """A request for a draft routed to a template this calculator fills stays with the template."""
    text = "we spend 2M and prevent 10 incidents at 1M each"
    kb = brain.knowledge
    assert calculation_for("draft the pitch: " + text, routed="template:budget-pitch", knowledge=kb) is None
    assert calculation_for(text, routed="template:budget-pitch", knowledge=kb).id == "roi"
    assert calculation_for(text, routed="business-case", knowledge=kb).id == "roi"
    assert calculation_for("how do I negotiate", routed="negotiation", knowledge=brain.knowledge) is None


def test_card_without_a_calculator_is_our_error(brain):
    """An overlay card for a calculator this version lacks is a clear error, not a crash."""
    card = CalculatorCard(id="lifetime-value", title="Lifetime value calculator", usage="lifetime-value cost=1M",
                          examples=["a", "b", "c", "d", "e", "f"])
    with pytest.raises(CommandError, match="no calculator"):
        answer_calculator(card, args={}, text="", knowledge=brain.knowledge, confidence=1.0)


def section(reply, heading: str) -> str:
    return next((s.text for s in reply.sections if s.heading == heading), "")


@pytest.mark.parametrize(
    ("text", "label", "value"),
    [
        ("what's the NPV if we spend 500k upfront, 100k a year to run and it saves 5M a year over 3 years at 8%",
         "NPV", "$12.13M"),
        ("npv upfront 500k cost 100k benefit 5M years 5 rate 8%", "NPV", "$19.06M"),
        ("npv of a 1M build, 200k/yr run, 3M/yr savings, 5 years, 12%", "NPV", "$9.09M"),
        ("we got 460 right out of 500 on the eval, how confident can I be", "Confidence interval", "89.8%-93.8%"),
        ("ROI on 1.5M eval budget vs 10M incidents prevented", "ROI (benefit-to-cost)", "6.7x"),
    ],
)
def test_the_issue_examples_use_every_stated_figure(brain, text, label, value):
    """The figures the issue found ignored are all used, so the result is the one asked for."""
    reply = brain.answer(text)
    assert facts(reply)[label] == value
    assert not section(reply, "Not used")


def test_a_figure_no_input_takes_is_named(brain):
    """"I didn't use: 7 weeks" rather than dropping it."""
    reply = brain.answer("npv cost=100K benefit=5M over 3 years, ready in 7 weeks")
    assert section(reply, "Not used") == "I didn't use: 7 weeks (no input of `npv` takes it)."
    assert facts(reply)["NPV"] == "$12.19M"


def test_two_values_for_one_input_are_asked_about(brain):
    """Two different costs in one sentence: neither is used, both are named, and the cost is asked for."""
    reply = brain.answer("roi: we spend 2M, well, budget is 3M, and save 10M")
    assert section(reply, "Not used") == ("I read two values for `cost` (2m and 3m) and used neither; "
                                          "say which, e.g. `cost=2M`.")
    assert reply.calculation.asking == "cost" and reply.calculation.known == {"benefit": "10m"}


def test_an_incomplete_sentence_keeps_its_figures_in_the_try_line(brain):
    """The Try line carries the user's own figures, and only the missing input is an example."""
    reply = brain.answer("npv of a 2M build with 300k a year to run")
    assert section(reply, "Try") == "`npv upfront=2M cost=300K benefit=5M`"
    assert section(reply, "I still need") == "*What's the annual benefit?* e.g. `benefit=5M`"


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("team-cost current=8 target=1000000 cost_per_head=143K", "A team of 1,000,000 is far beyond any eval team"),
        ("team-cost current=8 target=15 cost_per_head=143", "did you mean `cost_per_head=143K`?"),
        ("roi cost=2 benefit=10M", "did you mean `cost=2K` or `cost=2M`?"),
        ("roi cost=1M incidents=5000 incident_cost=1K", "5,000 incidents prevented a year"),
        ("npv cost=100K benefit=5M rate=80%", "An 80% discount rate is far above the usual 8-15%"),
        ("npv cost=100K benefit=5M years=40", "40 years is a long horizon"),
        ("ci correct=9 n=10", "10 samples is a small eval"),
    ],
)
def test_implausible_inputs_get_a_note_first(brain, text, note):
    """A possible but implausible figure is computed with a note above it, never silently."""
    reply = brain.answer(text)
    assert reply.kind is ReplyKind.CALCULATOR and reply.facts
    assert reply.sections[0].heading == "Check these figures" and note in reply.sections[0].text


def test_plausible_inputs_get_no_note(brain):
    """The guide's own examples need no sanity note."""
    for text in ("roi cost=2M incidents=10 incident_cost=1M", "npv upfront=500K cost=100K benefit=5M",
                 "team-cost current=8 target=15 cost_per_head=143K", "ci accuracy=92% n=500"):
        assert not section(brain.answer(text), "Check these figures")


@pytest.mark.parametrize(
    ("text", "field", "words"),
    [
        ("npv cost=100K benefit=5M years=-3", "years", "between 1 and 50"),
        ("npv cost=100K benefit=5M over -3 years", "years", "between 1 and 50"),
        ("npv cost=100K benefit=5M rate=800%", "rate", "between 0% and 100%"),
        ("ci correct=600 n=500", "correct", "can't be more than `n`"),
        ("we got 600 right out of 500 on the eval", "correct", "can't be more than `n`"),
    ],
)
def test_impossible_inputs_are_errors_naming_the_field(brain, text, field, words):
    """Negative years, a rate of 800%, more correct than samples: an error naming the field, with an example."""
    reply = brain.answer(text)
    assert reply.kind is ReplyKind.ERROR and reply.problem.field == field and words in reply.problem.message
