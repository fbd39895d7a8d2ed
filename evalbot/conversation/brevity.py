"""The short and the full version of an answer: "shorter", "more" (and both with nothing said yet)."""

from evalbot.conversation.again import again
from evalbot.conversation.cues import MORE, SHORTER
from evalbot.conversation.state import ConversationState
from evalbot.core.brain import Brain
from evalbot.core.handlers.smalltalk import answer_help
from evalbot.core.reply import Reply, Section

# The most checklist items the short version keeps.
SHORT_ITEMS = 3
MORE_HINT = "Say `more` for the full answer."
NOTHING_YET = "Nothing to go on yet"


def shorter_or_more(brain: Brain, normal: str, state: ConversationState) -> Reply | None:
    """The last answer shortened ("can you make that shorter") or whole ("tell me more"); None for other words.

    Args:
        normal: the normalised message.
    """
    if SHORTER.match(normal):
        return shorter(again(brain, state))
    if not MORE.match(normal):
        return None
    if state.more is None:
        return again(brain, state)
    return brain.answer_more(state.more).model_copy(update={"confidence": state.confidence})


def shorter(reply: Reply) -> Reply:
    """`reply` cut to its lead (or opening section), its figures and first few items; the rest is a `more` away.

    A draft is kept whole: half a draft is no use to paste.
    """
    hidden = len(reply.sections) > 1 or len(reply.items) > SHORT_ITEMS or reply.related or reply.lead
    if not hidden:
        return reply
    opening = [] if reply.lead else reply.sections[:1]
    return reply.model_copy(update={
        "sections": [*opening, Section(text=MORE_HINT)],
        "items": reply.items[:SHORT_ITEMS],
        "related": [],
        "did_you_mean": [],
    })


def about_nothing(brain: Brain, normal: str) -> Reply | None:
    """With no conversation yet, "shorter" or "more" has nothing to work on: say so, with examples; else None."""
    if not (SHORTER.match(normal) or MORE.match(normal)):
        return None
    menu = answer_help(brain.knowledge)
    opening = Section(text="There is no earlier answer in this conversation to make shorter or longer. "
                           "Ask me something first, for example:")
    return menu.model_copy(update={"title": NOTHING_YET,
                                   "sections": [opening, *(s for s in menu.sections if s.heading == "Try")]})
