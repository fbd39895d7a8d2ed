"""A plain "that's not mine" reply that says what evalbot covers and offers the nearest topics."""

from evalbot.core.handlers.common import choices
from evalbot.core.reply import OUT_OF_SCOPE, Reply, ReplyKind, Section
from evalbot.knowledge_base.loader import KnowledgeBase

COVERS = (
    "I cover leading AI evaluation work: executive skills and presence, the VP of AI Quality role, "
    "budgets and business cases, board communication, compensation and negotiation, promotion "
    "and the path to the C-suite. I also run ROI, NPV, team-cost and confidence-interval "
    "calculators, and have checklists and ready-to-paste templates."
)


def answer_out_of_scope(
    *, knowledge: KnowledgeBase, nearest: list[str], confidence: float
) -> Reply:
    sections = [
        Section(text="That's outside what I can help with, and I'd rather say so than guess."),
        Section(heading="What I cover", text=COVERS + " Type `help` for examples."),
    ]
    suggestions = choices(nearest, knowledge, limit=3)
    if suggestions:
        sections.append(Section(text="If you meant one of these, pick it below."))
    return Reply(
        intent=OUT_OF_SCOPE,
        kind=ReplyKind.OUT_OF_SCOPE,
        confidence=confidence,
        title="Not something I cover",
        sections=sections,
        did_you_mean=suggestions,
    )


def answer_in_english() -> Reply:
    """A message in another language: say plainly that evalbot answers in English, with an example."""
    return Reply(
        intent=OUT_OF_SCOPE,
        kind=ReplyKind.OUT_OF_SCOPE,
        confidence=1.0,
        title="I answer in English",
        sections=[Section(text="I can only read and answer questions in English. Could you ask again in English? "
                               "For example: `how do I pitch the eval budget to the board?`")],
    )
