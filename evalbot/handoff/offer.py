"""When a reply should offer "Ask a person", and what the offer carries to the click."""

import json
import secrets
from dataclasses import asdict, dataclass

from evalbot.core.reply import Reply, ReplyKind
from evalbot.feedback.recording import is_unanswered

# A Slack button value holds 2000 characters; the question gets what the rest leaves.
MAX_VALUE = 2000
MAX_QUESTION = 1500
CLARIFY = "clarify"  # the kind of a reply that offers choices instead of an answer


def needs_a_person(reply: Reply) -> bool:
    """True for a reply that declines (out of scope), is unsure (choices, low confidence)."""
    if reply.kind is ReplyKind.ERROR or reply.problem is not None:
        return False
    return str(reply.kind) == CLARIFY or is_unanswered(reply)


@dataclass(frozen=True, kw_only=True)
class Offer:
    """What one "Ask a person" button carries.

    Attributes:
        key: unique per offer: a second click on the same button finds the first hand-off.
        question: what the person asked, as typed.
        asker: the Slack user id of who asked.
        channel, thread_ts: where the answer went, when the button is not on that answer
            itself (the offer after a 👎); None: the clicked message tells.
        message_ts: the answer's own message, for a link to it.
        guess: the title of what evalbot answered, shown to the experts.
    """

    key: str
    question: str
    asker: str | None = None
    channel: str | None = None
    thread_ts: str | None = None
    message_ts: str | None = None
    guess: str | None = None

    @classmethod
    def new(cls, question: str, **where: str | None) -> "Offer":
        return cls(key=secrets.token_hex(8), question=question[:MAX_QUESTION], **where)

    def value(self) -> str:
        """The button value: JSON within Slack's 2000 characters (a long question is cut to fit)."""
        fields = {name: value for name, value in asdict(self).items() if value is not None}
        encoded = json.dumps(fields, ensure_ascii=False)
        while len(encoded) > MAX_VALUE:
            fields["question"] = fields["question"][: len(fields["question"]) - (len(encoded) - MAX_VALUE) - 1]
            encoded = json.dumps(fields, ensure_ascii=False)
        return encoded

    @classmethod
    def parse(cls, value: object) -> "Offer | None":
        """The offer in a button's value; None when it is not one (a stale or forged value)."""
        try:
            fields = json.loads(value) if isinstance(value, str) else None
        except ValueError:
            return None
        if not isinstance(fields, dict) or not isinstance(fields.get("key"), str) or not fields.get("question"):
            return None
        known = {name: fields[name] for name in cls.__dataclass_fields__ if isinstance(fields.get(name), str)}
        return cls(**known)
