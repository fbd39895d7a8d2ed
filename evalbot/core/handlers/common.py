"""Pieces every handler shares: citations and related-topic choices."""

from evalbot.core.reply import Choice
from evalbot.knowledge_base.loader import KnowledgeBase
from evalbot.knowledge_base.models import Entry

GUIDE = "The Executive Track: Leading AI Evaluation"


def citation(entry: Entry) -> str | None:
    """`Guide: section; section` for an entry that cites the guide."""
    if not entry.sources:
        return None
    return f"From the guide _{GUIDE}_: " + "; ".join(entry.sources)


def choices(intent_ids: list[str], knowledge: KnowledgeBase, *, limit: int = 5) -> list[Choice]:
    """Buttons for the ids that exist, labelled with their titles."""
    found = []
    for intent_id in intent_ids:
        entry = knowledge.get(intent_id)
        if entry is not None and not any(c.intent == intent_id for c in found):
            found.append(Choice(intent=intent_id, label=entry.title))
    return found[:limit]


def bullets(lines: list[str]) -> str:
    return "\n".join(f"• {line}" for line in lines)
