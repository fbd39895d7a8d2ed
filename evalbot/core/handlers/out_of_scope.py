"""A plain "that's not mine" reply that says what evalbot covers and offers the nearest topics."""

from evalbot.core.handlers.common import bullets, choices, citation
from evalbot.core.reply import OUT_OF_SCOPE, Reply, ReplyKind, Section
from evalbot.knowledge_base.loader import KnowledgeBase
from evalbot.knowledge_base.models import Topic

COVERS = (
    "I cover leading AI evaluation work: executive skills and presence, the VP of AI Quality role, "
    "budgets and business cases, board communication, compensation and negotiation, promotion "
    "and the path to the C-suite. I also run ROI, NPV, team-cost and confidence-interval "
    "calculators, and have checklists and ready-to-paste templates."
)


def answer_out_of_scope(
    *, knowledge: KnowledgeBase, nearest: list[str], confidence: float, nearby: tuple[Topic, str] | None = None
) -> Reply:
    """Decline plainly; with `nearby` (a close topic and its point that best fits), say what the guide does say.

    A general workplace problem the guide only touches ("my team is burning out") gets that
    point, framed as the guide's related advice, and a plain line that the question itself
    is not covered.
    """
    if nearby is not None:
        topic, point = nearby
        sections = [
            Section(text="The guide doesn't cover this question itself, so I won't pretend it does. "
                         f"The nearest thing it says is in *{topic.title}*:"),
            Section(text=bullets([point])),
            Section(heading="What this does not cover", text="Your situation as you describe it: take the point "
                    "above as related advice from the guide, not an answer to your question."),
        ]
        suggestions = choices([topic.id, *[n for n in nearest if n != topic.id]], knowledge, limit=3)
        return Reply(intent=OUT_OF_SCOPE, kind=ReplyKind.OUT_OF_SCOPE, confidence=confidence,
                     title="Not covered directly: what the guide says nearby", sections=sections,
                     citation=citation(topic), did_you_mean=suggestions)
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
