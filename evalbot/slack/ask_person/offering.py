"""Where "Ask a person" is offered: on answers that decline or are unsure, and after a 👎."""

import logging

from slack_sdk import WebClient
from sqlalchemy.exc import SQLAlchemyError

from evalbot.core.reply import Reply
from evalbot.handoff.offer import Offer, needs_a_person
from evalbot.handoff.book import question_of
from evalbot.rendering.handoff import is_ask_person_block, offer_after_downvote, with_ask_person
from evalbot.slack.transport.delivery import SEND_ERRORS
from evalbot.slack.deps import Deps
from evalbot.slack.placement import user_of

log = logging.getLogger(__name__)


def offer_a_person(deps: Deps, reply: Reply, answer: dict, *, question: str, user: str | None) -> dict:
    """`answer` with the button when a person should be offered (and the experts channel is set)."""
    if deps.experts_channel is None or not question.strip() or not needs_a_person(reply):
        return answer
    return with_ask_person(answer, Offer.new(question, asker=user, guess=reply.title).value())


def offer_person_after_downvote(deps: Deps, client: WebClient, body: dict, *, reply_ref: str) -> None:
    """After a 👎: offer a person, privately to who voted, beside the answer they rated (unless it offers one)."""
    container = body.get("container") if isinstance(body.get("container"), dict) else {}
    channel, ts, user = container.get("channel_id"), container.get("message_ts"), user_of(body)
    message = body.get("message") if isinstance(body.get("message"), dict) else {}
    if deps.experts_channel is None or deps.handoffs is None or not isinstance(channel, str) or not user:
        return
    if deps.channels.silent(channel) or any(is_ask_person_block(block) for block in message.get("blocks") or []):
        return
    try:
        question = question_of(deps.handoffs.engine, reply_ref)
    except SQLAlchemyError:
        log.warning("could not read the question a 👎 rated", exc_info=True)
        return
    if not question:
        return
    thread = message.get("thread_ts") or (None if channel.startswith("D") else ts)
    offer = Offer.new(question, asker=user, channel=channel, thread_ts=thread, message_ts=ts)
    try:
        client.chat_postEphemeral(channel=channel, user=user, thread_ts=thread, **offer_after_downvote(offer.value()))
    except SEND_ERRORS:
        log.warning("could not offer a person after a 👎", exc_info=True, extra={"channel": channel})
