"""The last answer of a conversation, answered once more."""

from evalbot.conversation.state import ConversationState
from evalbot.core.brain import Brain
from evalbot.core.reply import Reply


def again(brain: Brain, state: ConversationState, *, question: str | None = None) -> Reply:
    """The last answer once more; a topic leads with what answers `question` (by default, the last one)."""
    args = state.inputs if state.calculator is not None else None
    reply = brain.answer_intent(state.intent, args=args, question=state.question if question is None else question)
    return reply.model_copy(update={"confidence": state.confidence})
