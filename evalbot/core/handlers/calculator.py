"""Calculators: read the inputs (typed pairs or prose), compute, and present the figures.

Every figure the user stated is either used or named back ("I didn't use: 7 weeks"); every
default is stated with the way to change it; a missing input is asked for one at a time.
"""

import re

from evalbot.calculators import (
    Calculator,
    Outcome,
    alternatives,
    get_calculator,
    given_inputs,
    read_inputs,
    run,
    still_needed,
)
from evalbot.calculators.fields import format_field
from evalbot.core.handlers.common import bullets, choices, citation
from evalbot.core.reply import Calculation, Fact, Reply, ReplyKind, Section
from evalbot.errors import CommandError
from evalbot.inputs.extract import detect_calculation, read_message
from evalbot.inputs.pairs import as_typed, pair
from evalbot.inputs.reading import Reading
from evalbot.knowledge_base.loader import KnowledgeBase
from evalbot.knowledge_base.models import CalculatorCard, Template

# Words that ask for a written draft rather than just the number.
_DRAFTING = re.compile(r"\b(?:draft|write|template|pitch|memo|email|proposal|note|update|wording|script|deck)",
                       re.IGNORECASE)


def answer_calculator(
    card: CalculatorCard, *, args: dict[str, str], text: str, knowledge: KnowledgeBase, confidence: float
) -> Reply:
    """Answer a calculator request.

    Args:
        card: the calculator's knowledge card (title, usage, citation).
        args: `key=value` inputs from the grammar (empty for free text).
        text: the user's message with Slack markup stripped, for inputs written as prose.

    Raises:
        CommandError: an input that is unknown, unreadable, out of range or contradicts another.
    """
    calculator = calculator_of(card)
    reading = read_message(calculator.id, text) if text else Reading()
    # Typed pairs are explicit, so they win over anything read from the prose around them.
    known = given_inputs(calculator, args, prose=reading.inputs)
    values = read_inputs(calculator, known)
    needed = still_needed(calculator, values)
    if needed:
        return _ask_for_inputs(card, calculator, needed=needed, known=known, reading=reading, confidence=confidence)
    outcome = run(calculator, values)
    sections = [Section(heading="Check these figures", text=bullets(list(outcome.notes)))] if outcome.notes else []
    sections += [Section(text=outcome.presentation.summary), Section(heading="Inputs", text=_inputs_line(outcome, values))]
    sections += _reading_notes(reading, calculator)
    if outcome.assumed:
        sections.append(Section(heading="Assumptions", text="\n".join(_assumption(calculator, name, outcome)
                                                                      for name in outcome.assumed)))
    sections += [Section(heading=heading, text=body) for heading, body in outcome.presentation.details]
    assumed = {name: calculator.spec(name).default or "" for name in outcome.assumed}
    return Reply(
        intent=card.id, kind=ReplyKind.CALCULATOR, confidence=confidence, title=card.title,
        sections=sections, facts=outcome_facts(outcome), citation=citation(card),
        related=choices(card.related, knowledge),
        calculation=Calculation(calculator=calculator.id, known=known, assumed=assumed),
    )


def calculator_of(card: CalculatorCard) -> Calculator:
    calculator = get_calculator(card.id)
    if calculator is None:  # an overlay card for a calculator this version does not have
        raise CommandError(f"There is no calculator behind `{card.id}`.", example="help")
    return calculator


def outcome_facts(outcome: Outcome) -> list[Fact]:
    """The result figures as labelled facts, in the calculator's order."""
    shown = outcome.presentation.outputs
    return [Fact(label=o.label, value=shown[o.name]) for o in outcome.calculator.outputs if o.fact]


def calculation_for(text: str, *, routed: str, knowledge: KnowledgeBase) -> CalculatorCard | None:
    """The calculator card to answer free `text` with, when it states a complete calculation.

    None when there is none, or when the user asks for a draft and the matcher chose a
    template that this calculator fills in (the template reads the same figures).
    """
    calculator_id = detect_calculation(text)
    card = knowledge.get(calculator_id or "")
    chosen = knowledge.get(routed)
    if not isinstance(card, CalculatorCard):
        return None
    if isinstance(chosen, Template) and chosen.calculator == card.id and _DRAFTING.search(text):
        return None
    return card


def _inputs_line(outcome: Outcome, given: dict[str, float]) -> str:
    calculator = outcome.calculator
    parts = []
    for spec in calculator.fields:
        if spec.name in outcome.values:
            note = "" if spec.name in given else " (default)"
            parts.append(f"{spec.name}={format_field(spec, outcome.values[spec.name])}{note}")
    return " · ".join(parts)


def _assumption(calculator: Calculator, name: str, outcome: Outcome) -> str:
    """ "Assuming a 10% discount rate; say `rate=8%` to change it." """
    spec = calculator.spec(name)
    shown = format_field(spec, outcome.values[name])
    assumed = spec.assumed.format(shown) if spec.assumed else f"{spec.label} {shown}"
    return f"Assuming {assumed}; say `{name}={spec.alternative or spec.example}` to change it."


def _reading_notes(reading: Reading, calculator: Calculator) -> list[Section]:
    """Figures the message stated that were not used, and why."""
    lines = [f"I read two values for `{name}` ({' and '.join(values)}) and used neither; say which, e.g. "
             f"`{pair(name, as_typed(values[0]))}`." for name, values in reading.unclear.items()]
    if reading.unused:
        lines.append(f"I didn't use: {', '.join(reading.unused)} (no input of `{calculator.id}` takes "
                     f"{'it' if len(reading.unused) == 1 else 'them'}).")
    return [Section(heading="Not used", text="\n".join(lines))] if lines else []


def _ask_for_inputs(card: CalculatorCard, calculator: Calculator, *, needed: list[str], known: dict[str, str],
                    reading: Reading, confidence: float) -> Reply:
    """Ask for the first missing input, with an example built from the user's own figures; Slack adds a form."""
    asking = needed[0]
    spec = calculator.spec(asking)
    others = alternatives(calculator, asking, known)
    ways = [f"`{asking}={spec.example}`"] + [
        "`" + " ".join(f"{n}={calculator.spec(n).example}" for n in group) + "`" for group in others]
    sections = [] if known else [Section(text=card.summary.strip())] if card.summary.strip() else []
    if known:
        got = ", ".join(f"`{n}` = {format_field(calculator.spec(n), v)}"
                        for n, v in read_inputs(calculator, known).items())
        sections.append(Section(heading="I have", text=got))
    sections += _reading_notes(reading, calculator)
    sections.append(Section(heading="I still need", text=f"*{spec.ask()}* e.g. {', or '.join(ways)}"))
    example = {**{n: as_typed(v) for n, v in known.items()}, **{n: calculator.spec(n).example for n in needed}}
    ordered = [pair(f.name, example[f.name]) for f in calculator.fields if f.name in example]
    sections.append(Section(heading="Try", text=f"`{' '.join([calculator.id, *ordered])}`"))
    return Reply(
        intent=card.id, kind=ReplyKind.CALCULATOR, confidence=confidence, title=card.title,
        sections=sections, citation=citation(card), form=card.id,
        calculation=Calculation(calculator=calculator.id, known=known, missing=needed, asking=asking),
    )
