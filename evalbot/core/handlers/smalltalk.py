"""Greetings, thanks and help: conversational glue with no guide content."""

from evalbot.core.handlers.common import bullets, choices
from evalbot.core.reply import Reply, ReplyKind, Section
from evalbot.knowledge_base.loader import KnowledgeBase
from evalbot.knowledge_base.models import SmalltalkCard

HELP_EXAMPLES = [
    "how do I pitch the eval budget to the board?",
    "what can I negotiate in my equity?",
    "roi cost=2M incidents=10 incident_cost=1M",
    "npv upfront=500K cost=100K benefit=5M years=3 rate=10%",
    "ci accuracy=92% n=500 confidence=90%",
    "team-cost current=8 target=15 cost_per_head=143K",
    "checklist negotiation",
    "template board-pitch cost=1.5M benefit=10M",
    "topics",
]
_STARTERS = ["board-pitch", "equity-negotiation", "roi", "checklist:promotion", "template:monthly-update"]


def answer_help(knowledge: KnowledgeBase, *, confidence: float = 1.0) -> Reply:
    card = knowledge.get("help")
    intro = card.summary.strip() if card and card.summary else (
        "I advise people who lead AI evaluation work, drawing on the guide "
        "The Executive Track: Leading AI Evaluation."
    )
    return Reply(
        intent="help",
        kind=ReplyKind.SMALLTALK,
        confidence=confidence,
        title="What evalbot can do",
        sections=[
            Section(text=intro),
            Section(
                heading="Ask me",
                text=(
                    f"• *Advice* on {len(knowledge.topics)} topics: board pitches, budgets, negotiation, promotion, the C-suite…\n"
                    f"• *Calculators:* {', '.join(c.id for c in knowledge.calculators)}\n"
                    f"• *Checklists:* {len(knowledge.checklists)}, e.g. `checklist negotiation`\n"
                    f"• *Templates:* {len(knowledge.templates)} ready-to-paste drafts, e.g. `template budget-pitch`"
                ),
            ),
            Section(heading="Try", text=bullets([f"`{example}`" for example in HELP_EXAMPLES])),
        ],
        related=choices(_STARTERS, knowledge),
    )


def answer_smalltalk(card: SmalltalkCard, *, knowledge: KnowledgeBase, confidence: float) -> Reply:
    if card.id == "help":
        return answer_help(knowledge, confidence=confidence)
    response = card.responses[0]
    return Reply(
        intent=card.id,
        kind=ReplyKind.SMALLTALK,
        confidence=confidence,
        title=card.title,
        sections=[Section(text=response)],
        related=choices(card.related, knowledge),
    )
