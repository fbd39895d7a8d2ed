"""Follow-ups on the last topic: a condition on it ("and for a startup?"), or a part of it ("and vesting?")."""

from evalbot.conversation.again import again
from evalbot.conversation.cues import fragment, is_condition, is_marked
from evalbot.conversation.state import ConversationState
from evalbot.core.brain import Brain
from evalbot.core.reply import Reply
from evalbot.routing.matcher import Route


def on_topic(brain: Brain, normal: str, route: Route | None, state: ConversationState) -> Reply | None:
    """The last topic again, led by what the follow-up asks; None when the follow-up is about something else.

    Args:
        normal: the normalised message.
        route: how the message routes on its own.
    """
    if is_condition(normal):
        return again(brain, state, question=f"{state.question} {fragment(normal)}")
    unplaced = route is None or route.out_of_scope
    if is_marked(normal) and unplaced and _mentions(brain, fragment(normal), state.intent):
        return again(brain, state, question=fragment(normal))
    return None


def _mentions(brain: Brain, words: str, intent: str) -> bool:
    """Whether `words` share anything with the entry `intent` (it ranks at all for them)."""
    return any(c.intent == intent for c in brain.matcher.rank(words, limit=len(brain.knowledge.entries)))
