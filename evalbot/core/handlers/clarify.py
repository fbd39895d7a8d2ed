"""An honest "not sure": the likeliest topics, each with a line on what it answers, instead of a card."""

from evalbot.core.handlers.common import choices
from evalbot.core.reply import Reply, ReplyKind, Section
from evalbot.knowledge_base.loader import KnowledgeBase
from evalbot.routing.matcher import Route

# Offer at most this many choices, and none less likely than this share of the likeliest one.
MOST_CHOICES = 3
LEAST_SHARE = 0.2


def answer_unsure(route: Route, *, knowledge: KnowledgeBase) -> Reply:
    """Choices for a route whose likeliest intent is too unlikely for a full card."""
    top = route.candidates[0].score if route.candidates else 0.0
    picks = [c.intent for c in route.candidates if c.score >= LEAST_SHARE * top][:MOST_CHOICES]
    offered = choices(picks or [route.intent], knowledge, limit=MOST_CHOICES, with_gist=True)
    single = len(offered) == 1
    return Reply(
        intent=route.intent,
        kind=ReplyKind.CLARIFY,
        confidence=route.confidence,
        title="I'm not sure this is what you mean" if single else "I'm not sure which of these you mean",
        sections=[Section(text=("Rather than guess: is it this topic? Pick it and I'll answer with it, "
                                "or ask again in other words.") if single else
                          ("Rather than guess, here are the closest topics I have. Pick one and I'll answer "
                           "with it, or ask again in other words."))],
        did_you_mean=offered,
    )
