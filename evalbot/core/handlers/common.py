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


# A gist is the first sentence of an entry's summary, cut to this many characters.
GIST_CHARS = 120


def choices(intent_ids: list[str], knowledge: KnowledgeBase, *, limit: int = 5, with_gist: bool = False) -> list[Choice]:
    """Buttons for the ids that exist, labelled with their titles (and a one-line gist when asked)."""
    found = []
    for intent_id in intent_ids:
        entry = knowledge.get(intent_id)
        if entry is not None and not any(c.intent == intent_id for c in found):
            found.append(Choice(intent=intent_id, label=entry.title, gist=gist(entry) if with_gist else None))
    return found[:limit]


def gist(entry: Entry) -> str:
    """One line on what an entry answers: the first sentence of its summary, cut at a word."""
    summary = " ".join(entry.summary.split())
    first = summary.split(". ")[0].rstrip(".")
    if len(first) > GIST_CHARS:
        first = first[:GIST_CHARS].rsplit(" ", 1)[0] + "…"
    return first


def bullets(lines: list[str]) -> str:
    return "\n".join(f"• {line}" for line in lines)
