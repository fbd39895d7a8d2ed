"""Follow-ups on a calculation: the input it asked for ("benefit is 10M"), a what-if ("only 5 incidents?"),
or a relative what-if ("what if the benefit is 30% lower")."""

from evalbot.calculators import Calculator, get_calculator
from evalbot.conversation.sensitivity import relative_change, scaled_inputs
from evalbot.conversation.state import ConversationState
from evalbot.core.brain import Brain
from evalbot.core.reply import Reply, Section
from evalbot.inputs.followup import read_followup


def recalculated(brain: Brain, text: str, state: ConversationState) -> Reply | None:
    """The last calculation (or draft) again with the figures `text` states merged over its inputs.

    None when `text` states no figure for it. Figures it could not use are named back.

    Args:
        text: the message, Slack markup stripped.
    """
    calculator = get_calculator(state.calculator or "")
    if calculator is None:
        return None
    change = relative_change(text)
    scaled = scaled_inputs(state.inputs, *change) if change else None
    if scaled is not None:
        return brain.answer_intent(state.intent, args=scaled)
    reading = read_followup(calculator.id, text, asking=state.asking)
    if not reading.inputs:
        return None
    reply = brain.answer_intent(state.intent, args=changed_inputs(calculator, state.inputs, reading.inputs))
    if not reading.unused:
        return reply
    note = Section(heading="Not used", text=f"I didn't use: {', '.join(reading.unused)}.")
    return reply.model_copy(update={"sections": [*reply.sections, note]})


def changed_inputs(calculator: Calculator, before: dict[str, str], change: dict[str, str]) -> dict[str, str]:
    """`before` with `change` applied.

    Giving one way of stating something (roi: `benefit`, or `incidents` × `incident_cost`)
    drops what was given the other way, so "what if it were 5 incidents?" after
    `benefit=10M` recomputes from incidents instead of contradicting the old benefit.
    """
    kept = dict(before)
    touched = [group for group in calculator.either if any(name in change for name in group)]
    for group in calculator.either:
        if touched and group not in touched:
            for name in group:
                if name not in change:
                    kept.pop(name, None)
    return {**kept, **change}
