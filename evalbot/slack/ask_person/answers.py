"""An expert's reply in a hand-off's thread: kept as a candidate answer and posted back to the asker, credited.

Like an answer to a mention, it is kept before the ack, in one transaction with the claim
of its delivery and the outbox row that posts it back: nothing acknowledged is lost, and
Slack's retries post it once.
"""

import logging
from collections.abc import Callable

from slack_bolt import BoltResponse
from slack_bolt.middleware import Middleware
from slack_bolt.request import BoltRequest
from sqlalchemy import Connection

from evalbot.errors import StoreUnavailable
from evalbot.handoff.book import HandoffBook
from evalbot.metrics import instruments
from evalbot.rendering.handoff import expert_answered
from evalbot.slack.deps import Deps, deps_of
from evalbot.slack.transport.filters import from_a_person
from evalbot.slack.transport.outbox.faults import FaultLog

log = logging.getLogger(__name__)
STORE_DOWN = 503
REPLY_CHANNEL = "evalbot_expert_reply_channel"  # context key: where the kept reply goes
BROADCAST = "thread_broadcast"


def expert_reply(event: object, deps: Deps, *, bot_user_id: str | None) -> dict | None:
    """The event when it is a person's reply inside a thread of the experts channel, else None."""
    if deps.handoffs is None or not isinstance(event, dict) or event.get("channel") != deps.experts_channel:
        return None
    thread = event.get("thread_ts")
    if not isinstance(thread, str) or thread == event.get("ts"):
        return None
    # A reply the expert also sent to the channel ("Also send to #channel") is a reply like any other.
    plain = {k: v for k, v in event.items() if k != "subtype"} if event.get("subtype") == BROADCAST else event
    return event if from_a_person(plain, bot_user_id=bot_user_id) else None


class KeepExpertAnswer(Middleware):
    """Listener middleware for `message` events: takes the experts' replies, passes every other message on."""

    def __init__(self) -> None:
        self._faults = FaultLog(log, "cannot keep experts' answers; deliveries refused (503) so Slack retries them")

    def process(self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]) -> BoltResponse | None:  # noqa: A002
        deps = deps_of(req.context)
        event = expert_reply(req.body.get("event"), deps, bot_user_id=req.context.get("bot_user_id"))
        if event is None:
            return None  # not for this listener: Bolt tries the next one
        event_id = req.body.get("event_id")
        try:
            kept = deps.store.run(lambda connection: keep_answer(deps, connection, event, event_id))
        except StoreUnavailable as e:
            self._faults.report(e, event_id=event_id)
            return BoltResponse(status=STORE_DOWN, body="")
        if kept is None:
            return None  # a thread that is no hand-off: an ordinary message
        if kept == "":
            return BoltResponse(status=200, body="")  # a retry of a reply kept already
        req.context[REPLY_CHANNEL] = kept
        return next()


def keep_answer(deps: Deps, connection: Connection, event: dict, event_id: object) -> str | None:
    """Keep the expert's answer and its post back; the channel it goes to, "" for a repeat, None if no hand-off."""
    book: HandoffBook = deps.handoffs
    handoff = book.in_thread(connection, experts_channel=event["channel"], thread_ts=event["thread_ts"])
    if handoff is None:
        return None
    if isinstance(event_id, str) and not deps.seen.claim(connection, event_id):
        return ""
    book.record_answer(connection, handoff, expert=event["user"], answer=event["text"])
    message = expert_answered(expert=event["user"], answer=event["text"], question=handoff.question)
    deps.outbox.add(connection, event_id=event_id if isinstance(event_id, str) else None, team_id=handoff.team_id,
                    channel=handoff.reply_channel, thread_ts=handoff.reply_thread_ts, message=message)
    log.info("expert answered", extra={"channel": handoff.reply_channel})
    return handoff.reply_channel


def send_expert_answer(body: dict, context) -> None:
    """After the ack: wake the sender for the asker's channel."""
    instruments.expert_answers.inc()
    deps_of(context).sender.nudge(context.get(REPLY_CHANNEL))
