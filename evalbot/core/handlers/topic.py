"""Advice from a topic of the knowledge base."""

from evalbot.core.handlers.common import bullets, choices, citation
from evalbot.core.reply import Reply, ReplyKind, Section
from evalbot.knowledge_base.loader import KnowledgeBase
from evalbot.knowledge_base.models import Topic


def answer_topic(topic: Topic, *, knowledge: KnowledgeBase, confidence: float) -> Reply:
    sections = [Section(text=topic.summary.strip()), Section(heading="Key points", text=bullets(topic.points))]
    if topic.gap:
        sections.append(Section(heading="What the guide does not give", text=topic.gap.strip()))
    return Reply(
        intent=topic.id,
        kind=ReplyKind.TOPIC,
        confidence=confidence,
        title=topic.title,
        sections=sections,
        citation=citation(topic),
        related=choices(topic.related, knowledge),
    )
