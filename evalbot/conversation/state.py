"""What a conversation remembers between messages: the last answer, as much as a follow-up needs.

The state is a small JSON-ready dict in a `ConversationStore`; a dict that cannot be read
(written by another version, or damaged) is treated as no conversation at all.
"""

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from evalbot.core.reply import Reply, ReplyKind
from evalbot.knowledge_base.loader import KnowledgeBase

STATE_VERSION = 1


class ConversationState(BaseModel):
    """The last answer of a conversation.

    Attributes:
        intent: what the last answer was (an intent id).
        kind: its kind (topic, calculator, ...).
        confidence: how sure the routing was of it.
        question: the message it answered, so a topic can be shown again ranked for it.
        calculator: the calculator behind the last calculation, if it was one.
        inputs: that calculation's inputs as the user gave them, by field name.
        asking: the input the last answer asked for.
        offered: the intents the last answer offered to pick from, in the order shown.
        more: the key that rebuilds the whole of the last answer, when part of it waits behind "More".
    """

    model_config = ConfigDict(extra="ignore")

    version: int = STATE_VERSION
    intent: str
    kind: ReplyKind
    confidence: float = Field(ge=0.0, le=1.0)
    question: str = ""
    calculator: str | None = None
    inputs: dict[str, str] = Field(default_factory=dict)
    asking: str | None = None
    offered: list[str] = Field(default_factory=list)
    more: str | None = None

    def dump(self) -> dict:
        """The dict a `ConversationStore` keeps."""
        return self.model_dump(mode="json")

    @classmethod
    def restore(cls, saved: dict | None) -> "ConversationState | None":
        """The state in `saved`, or None when there is none or it cannot be read."""
        if not isinstance(saved, dict) or saved.get("version") != STATE_VERSION:
            return None
        try:
            return cls.model_validate(saved)
        except ValidationError:
            return None


# Answers that say nothing about the subject: the conversation carries on from before them.
_ASIDES = {ReplyKind.ERROR, ReplyKind.SMALLTALK}


def remember(reply: Reply, *, question: str, knowledge: KnowledgeBase,
             previous: ConversationState | None) -> ConversationState | None:
    """The state after `reply` answered `question`.

    A greeting, a thank-you or an input error leaves the conversation where it was, so
    "thanks" or a mistyped figure does not lose the calculation under way; `help` and
    `topics` are menus, remembered for what they offer.
    """
    offered = [c.intent for c in [*reply.did_you_mean, *reply.related]]
    if reply.kind is ReplyKind.CATALOGUE:
        offered = [entry.id for entry in knowledge.routable()]
    if reply.kind in _ASIDES and reply.intent != "help":
        return previous
    if reply.kind is ReplyKind.OUT_OF_SCOPE:
        return previous.model_copy(update={"offered": offered}) if previous and offered else previous
    if reply.kind is ReplyKind.CLARIFY:
        # Nothing was answered yet: the question waits for the pick ("the first one", "2").
        return ConversationState(intent=reply.intent, kind=reply.kind, confidence=reply.confidence,
                                 question=question, offered=offered)
    calculation = reply.calculation
    return ConversationState(
        intent=reply.intent,
        kind=reply.kind,
        confidence=reply.confidence,
        question=question,
        calculator=calculation.calculator if calculation else None,
        inputs=calculation.known if calculation else {},
        asking=calculation.asking if calculation else None,
        offered=offered,
        more=reply.more,
    )
