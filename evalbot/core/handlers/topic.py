"""Advice from a topic of the knowledge base: the part that fits the question first, the rest on request."""

from collections.abc import Callable, Sequence

from evalbot.core.handlers.common import bullets, choices, citation
from evalbot.core.handlers.lead import lead_points, more_key
from evalbot.core.reply import Choice, Offer, Reply, ReplyKind, Section
from evalbot.errors import CommandError
from evalbot.knowledge_base.loader import KnowledgeBase
from evalbot.knowledge_base.models import Topic

# (question, passages) -> each passage's similarity to the question.
Relevance = Callable[[str, list[str]], list[float]]


def topic_lead(topic: Topic, *, question: str, relevance: Relevance) -> tuple[int, ...]:
    """The key points (by index) that answer `question`; () when the summary answers it best."""
    scores = relevance(question, [topic.summary, *topic.points])
    return lead_points(topic.points, scores=scores[1:], summary_score=scores[0])


def answer_topic(
    topic: Topic,
    *,
    knowledge: KnowledgeBase,
    confidence: float,
    lead: Sequence[int] | None = None,
    folded: bool = True,
    offers: list[Offer] | None = None,
) -> Reply:
    """The topic's card.

    Args:
        lead: the points to open with (() for the summary); None shows the card as written, unranked.
        folded: with a lead, the rest of the card waits behind "More" (Slack) instead of following it.
        offers: calculations the question's own figures can start.

    Raises:
        CommandError: a lead index the topic does not have (a stale "More" button).
    """
    offers = offers or []
    if lead is None:
        return _reply(topic, knowledge, confidence, sections=_card(topic, shown=(), summary_shown=False),
                      offers=offers)
    if any(not 0 <= index < len(topic.points) for index in lead):
        raise CommandError("That answer has changed since; ask the question again.", example=topic.id)
    lead_text = bullets([topic.points[i] for i in lead]) if lead else topic.summary.strip()
    return _reply(
        topic, knowledge, confidence, sections=_card(topic, shown=lead, summary_shown=not lead), lead=lead_text,
        more=more_key(topic.id, lead, offer=offers[0].command if offers else None) if folded else None,
        offers=offers,
    )


def _card(topic: Topic, *, shown: Sequence[int], summary_shown: bool) -> list[Section]:
    """The card's sections, without what the lead already showed: some points, or the summary."""
    rest = [point for index, point in enumerate(topic.points) if index not in shown]
    sections = [] if summary_shown else [Section(text=topic.summary.strip())]
    if rest:
        sections.append(Section(heading="Other key points" if shown else "Key points", text=bullets(rest)))
    if topic.gap:
        sections.append(Section(heading="What the guide does not give", text=topic.gap.strip()))
    return sections


def _reply(topic: Topic, knowledge: KnowledgeBase, confidence: float, **fields: object) -> Reply:
    return Reply(
        intent=topic.id,
        kind=ReplyKind.TOPIC,
        confidence=confidence,
        title=topic.title,
        citation=citation(topic),
        related=choices(topic.related, knowledge),
        **fields,
    )


def with_second_topic(reply: Reply, second: Topic, *, point: str) -> Reply:
    """A topic answer whose question touches a second card: that card's best point joins the lead, cited.

    The second card is not unfolded; its title is offered first among the related choices.
    """
    lead = f"{reply.lead}\n\n*Also, from {second.title}:*\n{bullets([point])}"
    cited = f"{reply.citation}; and {'; '.join(second.sources)}" if reply.citation else citation(second)
    related = [c for c in reply.related if c.intent != second.id]
    return reply.model_copy(update={"lead": lead, "citation": cited,
                                    "related": [Choice(intent=second.id, label=second.title), *related]})
