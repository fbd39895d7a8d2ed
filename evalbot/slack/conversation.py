"""A Slack message in its conversation: a DM, a DM thread or a channel thread, one person's.

The key names the workspace, the channel, the thread (a DM's top level is one conversation;
a channel message starts the thread evalbot answers in) and the person, so context is never
shared across conversations or people.
"""

import logging

from sqlalchemy import Connection
from sqlalchemy.exc import SQLAlchemyError

from evalbot.conversation import ConversationState, keep_state, load_state
from evalbot.core.reply import Reply
from evalbot.slack.deps import Deps

log = logging.getLogger(__name__)


def conversation_key(event: dict, *, team: str | None) -> str | None:
    """`slack:TEAM:CHANNEL:THREAD:USER` for a person's message event; None when it names no channel or person."""
    channel, user = event.get("channel"), event.get("user")
    if not isinstance(channel, str) or not channel or not isinstance(user, str) or not user:
        return None
    thread = event.get("thread_ts")
    if not isinstance(thread, str) or not thread:
        direct = event.get("channel_type") == "im" or channel.startswith("D")
        thread = "top" if direct else str(event.get("ts") or "top")
    return f"slack:{team or '-'}:{channel}:{thread}:{user}"


def answer_in_conversation(deps: Deps, text: str, *, key: str,
                           connection: Connection | None = None) -> tuple[Reply, dict]:
    """The reply to `text` in the conversation under `key`, and its message; the conversation remembers it.

    On its own, a state store that cannot be read or written costs the context, never the
    answer. In the transaction that keeps the answer (`connection`), the conversation is
    read and saved through it, kept together with the answer or not at all.
    """
    conversations = deps.conversations if connection is None else deps.conversations.joined(connection)
    state: ConversationState | None = None
    try:
        state = load_state(conversations, key)
    except SQLAlchemyError:
        if connection is not None:
            raise
        log.warning("could not read a conversation; answering without context", exc_info=True)
    turn, answer = deps.answers.converse(text, state)
    try:
        keep_state(conversations, key, turn.state)
    except SQLAlchemyError:
        if connection is not None:
            raise
        log.warning("could not save a conversation", exc_info=True)
    return turn.reply, answer
