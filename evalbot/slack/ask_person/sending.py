"""One click on "Ask a person": the question goes to the experts channel, the asker is told.

The click is acknowledged first (Slack's 3 seconds), with no confirmation step. The hand-off
is recorded before anything is posted, keyed by the button's offer, so a second click (or
two people clicking) sends the question once.
"""

import logging
from dataclasses import dataclass

from slack_sdk import WebClient
from sqlalchemy.exc import SQLAlchemyError

from evalbot.handoff.offer import Offer
from evalbot.metrics import instruments
from evalbot.rendering.handoff import (already_handed_off, asker_told, could_not_hand_off, handed_off,
                                       question_for_experts)
from evalbot.slack.transport.delivery import SEND_ERRORS, post_message, respond, update_message
from evalbot.slack.deps import Deps, deps_of
from evalbot.slack.placement import team_of, user_of
from evalbot.slack.transport.web import describe_failure, failure_of

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Place:
    """Where the asker's answer is: the channel (a user id for a private answer), its thread, the message."""

    channel: str
    thread_ts: str | None
    message_ts: str | None


def place_of(body: dict, offer: Offer, clicker: str) -> Place:
    """Where the expert's answer should go back: the offer says so, or the clicked message does."""
    if offer.channel:
        return Place(offer.channel, offer.thread_ts, offer.message_ts)
    container = body.get("container") if isinstance(body.get("container"), dict) else {}
    channel, ts = container.get("channel_id"), container.get("message_ts")
    if container.get("type") == "message" and not container.get("is_ephemeral") and isinstance(channel, str):
        message = body.get("message") if isinstance(body.get("message"), dict) else {}
        return Place(channel, message.get("thread_ts") or (None if channel.startswith("D") else ts), ts)
    return Place(offer.asker or clicker, None, None)  # a private answer: the DM


def permalink(client: WebClient, body: dict, place: Place) -> str | None:
    """A link to the asker's thread: Slack's permalink, else one built from the workspace's domain."""
    if place.message_ts is None or place.channel.startswith("U"):
        return None
    try:
        link = client.chat_getPermalink(channel=place.channel, message_ts=place.message_ts).get("permalink")
        if isinstance(link, str) and link.startswith("https://"):
            return link
    except SEND_ERRORS as e:
        log.info("no permalink from Slack: %s", describe_failure(failure_of(e)))
    team = body.get("team") if isinstance(body.get("team"), dict) else {}
    domain = team.get("domain")
    if not isinstance(domain, str) or not domain:
        return None
    link = f"https://{domain}.slack.com/archives/{place.channel}/p{place.message_ts.replace('.', '')}"
    thread = place.thread_ts
    return link + (f"?thread_ts={thread}&cid={place.channel}" if thread and thread != place.message_ts else "")


def tell_clicker(client: WebClient, body: dict, message: dict) -> None:
    """A private note to who clicked, beside the button."""
    if isinstance(body.get("response_url"), str):
        respond(body["response_url"], message, response_type="ephemeral", replace_original=False)
        return
    container = body.get("container") if isinstance(body.get("container"), dict) else {}
    channel, user = container.get("channel_id"), user_of(body)
    if isinstance(channel, str) and user:
        try:
            client.chat_postEphemeral(channel=channel, user=user, **message)
        except SEND_ERRORS as e:
            log.warning("could not tell who clicked: %s", describe_failure(failure_of(e)))


def ask_a_person(ack, body, action, client, context) -> None:
    ack()  # at once: the rest happens after Slack has its answer
    deps = deps_of(context)
    offer, clicker = Offer.parse(action.get("value")), user_of(body)
    if deps.handoffs is None or deps.experts_channel is None or offer is None or not clicker:
        log.info("ask-a-person click ignored", extra={"reason": "off" if deps.handoffs is None else "malformed"})
        return
    hand_off(deps, client, body, offer, clicker=clicker)


def hand_off(deps: Deps, client: WebClient, body: dict, offer: Offer, *, clicker: str) -> None:
    experts, place = deps.experts_channel, place_of(body, offer, clicker)
    try:
        handoff_id = deps.handoffs.open(offer_key=offer.key, team_id=team_of(body), asker=offer.asker or clicker,
                                        question=offer.question, reply_channel=place.channel,
                                        reply_thread_ts=place.thread_ts, experts_channel=experts)
    except SQLAlchemyError:
        log.warning("could not record a hand-off", exc_info=True)
        tell_clicker(client, body, could_not_hand_off())
        return
    if handoff_id is None:
        tell_clicker(client, body, already_handed_off())
        return
    post = question_for_experts(question=offer.question, asker=offer.asker or clicker, link=permalink(client, body, place),
                                where=None if place.channel.startswith("U") else place.channel, evalbot_said=offer.guess)
    try:
        experts_ts = client.chat_postMessage(channel=experts, unfurl_links=False, **post)["ts"]
    except (*SEND_ERRORS, KeyError) as e:
        log.error("could not post to EVALBOT_EXPERTS_CHANNEL %s: %s", experts,
                  describe_failure(failure_of(e)) if not isinstance(e, KeyError) else "no ts", extra={"channel": experts})
        deps.handoffs.cancel(handoff_id)
        tell_clicker(client, body, could_not_hand_off())
        return
    deps.handoffs.posted(handoff_id, experts_ts=experts_ts)
    instruments.handoffs.inc()
    log.info("question handed to a person", extra={"channel": experts})
    post_message(client, channel=place.channel, thread_ts=place.thread_ts, message=asker_told(experts_channel=experts))
    _drop_the_button(client, body, clicker=clicker, experts=experts)


def _drop_the_button(client: WebClient, body: dict, *, clicker: str, experts: str) -> None:
    """The clicked message no longer offers the button: it says who asked a person, and where."""
    container = body.get("container") if isinstance(body.get("container"), dict) else {}
    message = body.get("message") if isinstance(body.get("message"), dict) else None
    if message is None:
        return
    updated = handed_off(message, clicker=clicker, experts_channel=experts)
    if container.get("is_ephemeral") and isinstance(body.get("response_url"), str):
        respond(body["response_url"], updated, response_type="ephemeral", replace_original=True)
    elif isinstance(container.get("channel_id"), str) and isinstance(container.get("message_ts"), str):
        update_message(client, channel=container["channel_id"], ts=container["message_ts"], message=updated)
