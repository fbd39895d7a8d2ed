"""The Home tab's content for a knowledge base."""

from evalbot.feedback.report import Report
from evalbot.knowledge_base.loader import KnowledgeBase
from evalbot.rendering.feedback import admin_blocks
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


def week_in_figures(report: Report) -> str:
    """One line: questions, how many went unanswered, votes, experts' answers."""
    unanswered = sum(g.count for g in report.unanswered)
    up, down = sum(r.up for r in report.ratings), sum(r.down for r in report.ratings)
    given = len(report.expert_answers)
    return (f"{report.questions} questions · {unanswered} not answered well · {up} 👍 · {down} 👎 · "
            f"{given} answer{'' if given == 1 else 's'} from people")


def with_admin_section(view: dict, report: Report) -> dict:
    """The Home view with the admin's section: this week's top unanswered questions and worst-rated answers."""
    worst = [(r.intent, r.up, r.down) for r in report.ratings if r.down][:5]
    experts = [(a.question, a.answer, a.expert) for a in report.expert_answers[-3:]]
    blocks = admin_blocks(unanswered=[(g.text, g.count) for g in report.unanswered[:5]], worst=worst, days=report.days,
                          summary=week_in_figures(report), experts=experts)
    return {**view, "blocks": [*view["blocks"], *blocks][:100]}
