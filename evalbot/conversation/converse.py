"""One turn of a conversation: answer a message in the light of the last answer, and remember this one."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from evalbot.conversation.brevity import about_nothing
from evalbot.conversation.follow_up import follow_up
from evalbot.conversation.state import ConversationState, remember
from evalbot.core.brain import MAX_INPUT_CHARS, Brain, problem_reply
from evalbot.core.reply import Reply
from evalbot.core.safe_answer import answer_safely, logged_apology
from evalbot.errors import CommandError
from evalbot.routing.normalise import normalise, strip_slack


@dataclass(frozen=True, kw_only=True)
class Turn:
    """What a turn produced.

    Attributes:
        reply: the answer.
        state: what the conversation remembers now (None: nothing).
        fresh: answered as a new question, so it is the answer any conversation gets for the same text.
    """

    reply: Reply
    state: ConversationState | None
    fresh: bool


def converse(brain: Brain, text: str, state: ConversationState | None, *,
             fresh: Callable[[str], Reply] | None = None) -> Turn:
    """Answer `text` after `state`: as a follow-up where it is one, else as a new question. Never raises.

    Args:
        state: what the conversation remembers; None for a new (or expired) conversation.
        fresh: answers a new question; by default the brain, with unexpected errors as an apology.
    """
    answer_fresh = fresh or partial(answer_safely, brain)
    if state is None:
        nothing = about_nothing(brain, normalise(strip_slack(text[:MAX_INPUT_CHARS])))
        reply = nothing or answer_fresh(text)
        return Turn(reply=reply, state=remember(reply, question=text, knowledge=brain.knowledge, previous=None),
                    fresh=nothing is None)
    try:
        followed = follow_up(brain, text, state)
    except CommandError as e:
        followed = problem_reply(e, intent=state.intent)
    except Exception:
        return Turn(reply=logged_apology(), state=state, fresh=False)
    reply = followed if followed is not None else answer_fresh(text)
    new_state = remember(reply, question=text, knowledge=brain.knowledge, previous=state)
    return Turn(reply=reply, state=new_state, fresh=followed is None)
