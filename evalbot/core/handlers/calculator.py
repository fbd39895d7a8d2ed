"""Calculators: read the inputs (typed pairs or prose), compute, and present the figures."""

import re

from evalbot.calculators import Calculator, Outcome, get_calculator, missing_inputs, read_inputs, run
from evalbot.calculators.fields import format_field
from evalbot.core.handlers.common import bullets, choices, citation
from evalbot.core.reply import Fact, Reply, ReplyKind, Section
from evalbot.errors import CommandError
from evalbot.inputs.extract import detect_calculation, extract_inputs
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
    # Typed pairs are explicit, so they win over anything read from the prose around them.
    values = read_inputs(calculator, args, prose=extract_inputs(calculator.id, text))
    needed = missing_inputs(calculator, values)
    if needed:
        return _ask_for_inputs(card, calculator, needed=needed, values=values, confidence=confidence)
    outcome = run(calculator, values)
    sections = [Section(text=outcome.presentation.summary), Section(heading="Inputs", text=_inputs_line(outcome, values))]
    sections += [Section(heading=heading, text=body) for heading, body in outcome.presentation.details]
    return Reply(
        intent=card.id, kind=ReplyKind.CALCULATOR, confidence=confidence, title=card.title,
        sections=sections, facts=outcome_facts(outcome), citation=citation(card),
        related=choices(card.related, knowledge),
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


def _ask_for_inputs(card: CalculatorCard, calculator: Calculator, *, needed: list[str],
                    values: dict[str, float], confidence: float) -> Reply:
    """The reply for incomplete input: what is missing, an example, and (in Slack) a form."""
    sections = [Section(text=card.summary.strip())] if card.summary.strip() else []
    if values:
        got = ", ".join(f"`{n}` = {format_field(calculator.spec(n), v)}" for n, v in values.items())
        sections.append(Section(heading="I have", text=got))
    sections.append(Section(heading="I still need", text=bullets(needed)))
    sections.append(Section(heading="Try", text=f"`{calculator.example}`"))
    return Reply(
        intent=card.id, kind=ReplyKind.CALCULATOR, confidence=confidence, title=card.title,
        sections=sections, citation=citation(card), form=card.id,
    )
