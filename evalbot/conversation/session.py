"""A conversation kept in a `ConversationStore` under one key (a console session, a stdin id, a Slack thread)."""

from evalbot.conversation.converse import Turn, converse
from evalbot.conversation.state import ConversationState
from evalbot.core.brain import Brain
from evalbot.core.reply import Reply
from evalbot.conversation.store import ConversationStore


def load_state(store: ConversationStore, key: str) -> ConversationState | None:
    """What the conversation under `key` remembers, if anything (expired or unreadable: nothing)."""
    return ConversationState.restore(store.load(key))


def keep_state(store: ConversationStore, key: str, state: ConversationState | None) -> None:
    """Remember `state` under `key` (or forget the conversation when there is nothing to remember)."""
    if state is None:
        store.forget(key)
    else:
        store.save(key, state.dump())


class Conversation:
    """Answers messages in one conversation, remembering each answer for the next.

    Args:
        brain: answers the messages.
        store: where the conversation's state is kept.
        key: the conversation's key in `store`; no other conversation reads it.
    """

    def __init__(self, *, brain: Brain, store: ConversationStore, key: str):
        self.brain, self.store, self.key = brain, store, key

    def answer(self, text: str) -> Reply:
        """The answer to `text` in this conversation (never raises)."""
        return self.turn(text).reply

    def turn(self, text: str) -> Turn:
        turn = converse(self.brain, text, load_state(self.store, self.key))
        keep_state(self.store, self.key, turn.state)
        return turn
