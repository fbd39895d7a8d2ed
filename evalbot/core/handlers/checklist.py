"""A checklist: ordered actions, each drawn from (and citing) the guide."""

from evalbot.core.handlers.common import choices, citation
from evalbot.core.reply import Reply, ReplyKind, Section
from evalbot.knowledge_base.loader import KnowledgeBase
from evalbot.knowledge_base.models import Checklist


def answer_checklist(checklist: Checklist, *, knowledge: KnowledgeBase, confidence: float) -> Reply:
    return Reply(
        intent=checklist.id,
        kind=ReplyKind.CHECKLIST,
        confidence=confidence,
        title=checklist.title,
        sections=[Section(text=checklist.summary.strip())],
        items=[f"{item.do} _({item.source})_" for item in checklist.items],
        citation=citation(checklist),
        related=choices(checklist.related, knowledge),
    )
