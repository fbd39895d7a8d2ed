"""`topics`: every intent evalbot knows, grouped by kind."""

from evalbot.core.reply import Reply, ReplyKind, Section
from evalbot.knowledge_base.loader import KnowledgeBase


def catalogue_rows(knowledge: KnowledgeBase) -> list[dict[str, str]]:
    """One row per routable intent: id, kind, title (the `evalbot topics` listing)."""
    return [
        {"id": entry.id, "kind": entry.kind, "title": entry.title}  # type: ignore[attr-defined]
        for entry in knowledge.routable()
    ]


def answer_catalogue(knowledge: KnowledgeBase) -> Reply:
    groups = [
        ("Topics", knowledge.topics, "ask in your own words"),
        ("Calculators", knowledge.calculators, "e.g. `roi cost=2M benefit=10M`"),
        ("Checklists", knowledge.checklists, "`checklist NAME`"),
        ("Templates", knowledge.templates, "`template NAME key=value …`"),
    ]
    sections = []
    for heading, entries, how in groups:
        names = ", ".join(f"`{e.short_name}`" for e in entries)
        sections.append(Section(heading=f"{heading} ({len(entries)}): {how}", text=names or "none"))
    return Reply(
        intent="help",
        kind=ReplyKind.CATALOGUE,
        confidence=1.0,
        title="Everything I know",
        sections=sections,
    )
