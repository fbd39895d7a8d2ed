"""Templates: ready-to-paste drafts rendered with Jinja2. (Filled in by the templates work.)"""

from evalbot.core.handlers.common import citation
from evalbot.core.reply import Reply, ReplyKind, Section
from evalbot.knowledge_base.loader import KnowledgeBase
from evalbot.knowledge_base.models import Template


def answer_template(
    template: Template, *, args: dict[str, str], text: str, knowledge: KnowledgeBase, confidence: float
) -> Reply:
    return Reply(
        intent=template.id,
        kind=ReplyKind.TEMPLATE,
        confidence=confidence,
        title=template.title,
        sections=[Section(text=template.summary)],
        draft=template.body,
        citation=citation(template),
    )
