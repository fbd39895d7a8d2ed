"""The Home tab's content for a knowledge base."""

from evalbot.knowledge_base.loader import KnowledgeBase
from evalbot.rendering.home import HomeMenu, home_view
from evalbot.slack.forms import ROI, form_spec


def home_for(knowledge: KnowledgeBase) -> dict:
    menus = [
        HomeMenu(
            name="templates",
            placeholder="Draft from a template…",
            options=tuple((t.id, t.title) for t in knowledge.templates),
        ),
        HomeMenu(
            name="checklists",
            placeholder="Open a checklist…",
            options=tuple((c.id, c.title) for c in knowledge.checklists),
        ),
        HomeMenu(
            name="calculators",
            placeholder="Explain a calculator…",
            options=tuple((c.id, c.title) for c in knowledge.calculators),
        ),
    ]
    calculator = ROI if form_spec(knowledge, ROI) is not None else None
    return home_view(topic_count=len(knowledge.topics), calculator=calculator, menus=menus)
