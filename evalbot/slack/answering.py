"""From what a user typed (or clicked) to a `Reply` or a finished Slack message, safely and within limits."""

import logging
from dataclasses import dataclass

from sqlalchemy import Connection
from sqlalchemy.exc import SQLAlchemyError

from evalbot.core.brain import problem_reply
from evalbot.core.reply import OUT_OF_SCOPE, Reply, ReplyKind, Section
from evalbot.errors import CommandError
from evalbot.feedback.recording import is_unanswered, new_reply_ref
from evalbot.metrics import instruments
from evalbot.rendering.block_kit import MAX_BLOCKS, message
from evalbot.rendering.feedback import Rated, is_feedback_block, with_feedback
from evalbot.rendering.share import private_message
from evalbot.slack.ask_person.offering import offer_a_person
from evalbot.slack.conversation import answer_in_conversation
from evalbot.slack.deps import Deps
from evalbot.slack.placement import team_of, user_of

log = logging.getLogger(__name__)
# Slack's own limit on a message's text. Nothing longer comes from Slack; a forged or odd
# delivery is cut here, so the work done before the ack stays bounded.
MAX_QUESTION_CHARS = 40_000


@dataclass(frozen=True, kw_only=True)
class Asked:
    """A question that came as an Events API delivery (a mention, a DM), and where its answer goes.

    Attributes:
        thread_ts: the thread the answer goes in; None for the DM itself.
        team_id: the workspace whose installation received it (whose token posts the answer).
        event_id: Slack's id of the delivery (claimed once); None if Slack sent none.
        conversation: the conversation it belongs to (`conversation_key`); None stands alone.
    """

    text: str
    user: str
    channel: str
    thread_ts: str | None
    team_id: str | None
    event_id: str | None
    conversation: str | None = None


def slow_down(*, burst: int, per_second: float) -> Reply:
    """The polite answer when a user (or a bot loop) sends faster than the limit."""
    return Reply(
        intent=OUT_OF_SCOPE,
        kind=ReplyKind.ERROR,
        confidence=1.0,
        title="One moment, please",
        sections=[
            Section(
                text=(
                    f"You've sent me a lot of messages in a short time. I answer up to {burst} in a row, "
                    f"then {per_second:g} a second. Try again in a few seconds."
                )
            )
        ],
    )


def within_limit(deps: Deps, user: str) -> bool:
    """Spend one of `user`'s free-text tokens; False (and logged) when they are sending too fast."""
    if deps.limiter.allow(user or "unknown"):
        return True
    # The salted hash (as in the question log), never the id: logs are kept and shipped elsewhere.
    who = deps.feedback.questions.hash_user(user) if deps.feedback is not None and user else None
    log.info("rate limited", extra={"user_hash": who})
    return False


def _slow_down(deps: Deps) -> Reply:
    return slow_down(burst=deps.limiter.burst, per_second=deps.limiter.per_second)


def answer_message(deps: Deps, text: object, *, user: str, team: str | None = None,
                   conversation: str | None = None, connection: Connection | None = None) -> dict:
    """Answer free text from `user` as a finished message, within their rate limit (kept ready for repeats).

    Args:
        conversation: the key of the conversation it belongs to (`conversation_key`); None stands alone.
        connection: the transaction keeping the answer (`answer_event`): the conversation and
            the question log are written in it.
    """
    if not within_limit(deps, user):
        return message(_slow_down(deps))
    question = text[:MAX_QUESTION_CHARS] if isinstance(text, str) else ""
    if conversation is None:
        reply, answer = deps.answers.message(question)
    else:
        reply, answer = answer_in_conversation(deps, question, key=conversation, connection=connection)
    return rated(deps, reply, answer, question=question, user=user, team=team, connection=connection)


def count_answer(reply: Reply) -> None:
    """`evalbot_answers_total` by kind, and `evalbot_unanswered_total`."""
    instruments.answers.labels(kind=str(reply.kind)).inc()
    if reply.kind is not ReplyKind.ERROR and is_unanswered(reply):
        instruments.unanswered.inc()


def rated(deps: Deps, reply: Reply, answer: dict, *, question: str, user: str | None, team: str | None,
          connection: Connection | None = None) -> dict:
    """`answer` with 👍/👎 buttons, its question logged; as it was for error replies or without a store.

    On its own, a store that cannot log the question costs the log line, never the answer. In
    the transaction that keeps the answer (`connection`), the two are kept together or not at all.
    """
    count_answer(reply)
    answer = offer_a_person(deps, reply, answer, question=question, user=user)
    if deps.feedback is None or reply.kind is ReplyKind.ERROR:
        return answer
    ref = new_reply_ref()
    try:
        deps.feedback.questions.record(reply, question=question, user=user, team=team, reply_ref=ref,
                                       connection=connection)
    except SQLAlchemyError:
        if connection is not None:
            raise
        log.warning("could not log a question", exc_info=True, extra={"intent": reply.intent})
    return with_feedback(answer, Rated(ref=ref, intent=reply.intent, confidence=reply.confidence))


def answer_event(deps: Deps, connection: Connection, asked: Asked) -> dict:
    """The message answering `asked`, worked out inside the transaction that keeps it (`outbox.keep`).

    Whatever else answering writes goes through `connection` (the conversation's memory, the
    questions log), so the delivery's claim, its answer and those writes are kept together
    or not at all.
    """
    return answer_message(deps, asked.text, user=asked.user, team=asked.team_id, conversation=asked.conversation,
                          connection=connection)


def slow_down_private(deps: Deps, text: str) -> dict:
    """The private message a `/evalbot` user gets when over their limit."""
    return private_message(_slow_down(deps), question=text)


def answer_intent(deps: Deps, intent: str, *, args: dict[str, str] | None = None) -> Reply:
    """Answer a button or menu pick; an unknown intent (a stale button) gets a clear reply."""
    try:
        return deps.brain.answer_intent(intent, args=args)
    except CommandError as e:
        return problem_reply(e)


def rated_click(deps: Deps, reply: Reply, body: dict, *, question: str):
    """A `placement.Finish` giving a clicked answer its own feedback buttons (and log row)."""
    user, team = user_of(body), team_of(body)
    return lambda answer: rated(deps, reply, answer, question=question, user=user, team=team)


def kept_feedback(body: dict):
    """A `placement.Finish` that carries the clicked message's feedback buttons over to its new version."""
    original = body.get("message") if isinstance(body.get("message"), dict) else {}
    kept = [block for block in original.get("blocks") or [] if is_feedback_block(block)]
    return lambda answer: {**answer, "blocks": [*answer.get("blocks", [])[: MAX_BLOCKS - len(kept)], *kept]}
