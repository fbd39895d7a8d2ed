"""Calculators: parse inputs, compute, and present the figures. (Filled in by the calculators work.)"""

from evalbot.core.reply import Reply, ReplyKind, Section
from evalbot.knowledge_base.loader import KnowledgeBase
from evalbot.knowledge_base.models import CalculatorCard


def answer_calculator(
    card: CalculatorCard, *, args: dict[str, str], text: str, knowledge: KnowledgeBase, confidence: float
) -> Reply:
    """Answer a calculator request.

    Args:
        card: the calculator's knowledge card (title, usage, citation).
        args: `key=value` inputs from the grammar (empty for free text).
        text: the user's message with Slack markup stripped, for inputs written as prose.
    """
    return Reply(
        intent=card.id,
        kind=ReplyKind.CALCULATOR,
        confidence=confidence,
        title=card.title,
        sections=[Section(text=card.summary or card.title), Section(heading="Usage", text=f"`{card.usage}`")],
        form=card.id,
    )
