"""Conversations: what was said before, and follow-ups on it (missing inputs, what-ifs, picks, shorter, more).

No Slack here: the console, `ask --json` and Slack all converse through `converse` or a `Conversation`.
"""

from evalbot.conversation.converse import Turn, converse
from evalbot.conversation.session import Conversation, keep_state, load_state
from evalbot.conversation.state import ConversationState

__all__ = ["Conversation", "ConversationState", "Turn", "converse", "keep_state", "load_state"]
