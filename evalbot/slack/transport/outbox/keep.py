"""Before the ack: claim the delivery and keep its answer in the outbox, in one transaction.

Slack never retries a delivery it saw acknowledged, so nothing may be acknowledged
before its answer is safe: the claim of its `event_id`, the answer (the brain takes well
under a millisecond) and the outbox row are committed together, then Bolt acks and the
sender posts. A repeat (claimed before, on any worker or host) is acknowledged and not
answered again.

A store that cannot record the claim fails closed: the delivery gets a 503, so Slack
retries it later (up to three times over about five minutes) and `GET /ready` takes the
host out of its load balancer's rotation. Failing open would post answers no one
recorded: each retry answered again, and every answer lost if the process stops.

A claim never outlives a transaction that failed: it is rolled back with the answer. A
write that lost a race with another delivery (a unique key taken meanwhile) is tried once
more, whole. A bug while answering is logged with a reference, and the claim is kept
together with an apology quoting it, so the delivery has exactly one answer.
"""

import logging
from collections.abc import Callable

from slack_bolt import BoltContext, BoltResponse
from slack_bolt.middleware import Middleware
from slack_bolt.request import BoltRequest
from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from evalbot.core.safe_answer import apology
from evalbot.errors import StoreUnavailable
from evalbot.rendering.block_kit import message
from evalbot.slack.answering import Asked, answer_event
from evalbot.slack.deps import Deps, deps_of
from evalbot.slack.transport.error_handler import log_unexpected
from evalbot.slack.transport.outbox.faults import FaultLog
from evalbot.slack.transport.repeats import log_repeat

log = logging.getLogger(__name__)
STORE_DOWN = 503


class KeepAnswer(Middleware):
    """Listener middleware for mentions and DMs (Bolt runs it before the ack).

    Args:
        asked_in: the question a delivery's body asks (None: nothing to answer, e.g. a bot's
            message); given the body and Bolt's context (the bot's user id, the installation's team).
        hold: seconds the kept answer waits for its listener to `release_kept_answer` it
            (an assistant thread's status is set first); sent anyway once they are over.
    """

    def __init__(self, asked_in: Callable[[dict, BoltContext], Asked | None], *, hold: float = 0.0):
        self.asked_in = asked_in
        self.hold = hold
        self._faults = FaultLog(log, "cannot keep answers; deliveries refused (503) so Slack retries them")

    def process(self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]) -> BoltResponse | None:  # noqa: A002
        asked = self.asked_in(req.body, req.context)
        if asked is None:
            return BoltResponse(status=200, body="")
        deps = deps_of(req.context)
        try:
            kept = self._keep(deps, asked)
        except StoreUnavailable as e:
            self._faults.report(e, event_id=asked.event_id)
            return BoltResponse(status=STORE_DOWN, body="")
        except Exception as error:  # noqa: BLE001 - logged with its traceback; the apology is the answer
            # Slack's retries would fail the same way: the apology is kept, with the claim, as the one answer.
            # If even that cannot be kept, Bolt's error handler apologises and nothing stays claimed.
            reference = log_unexpected(error)
            try:
                kept = deps.store.run(lambda connection: keep(deps, connection, asked,
                                                              answer=message(apology(reference))))
            except StoreUnavailable as e:
                self._faults.report(e, event_id=asked.event_id)
                return BoltResponse(status=STORE_DOWN, body="")
        if not kept:
            log_repeat(req)
            return BoltResponse(status=200, body="")
        if asked.event_id is not None:
            deps.seen.remember(asked.event_id)  # committed: also this process's second line of defence
        return next()

    def _keep(self, deps: Deps, asked: Asked) -> bool:
        work = lambda connection: keep(deps, connection, asked, hold=self.hold)  # noqa: E731
        try:
            return deps.store.run(work)
        except IntegrityError:
            # Another delivery took a unique key this one wanted between our read and our write;
            # everything, the claim included, was rolled back: answer again, now seeing its row.
            log.warning("a delivery's writes raced another's; kept on the second try",
                        extra={"event_id": asked.event_id})
            return deps.store.run(work)


def keep(deps: Deps, connection: Connection, asked: Asked, *, hold: float = 0.0, answer: dict | None = None) -> bool:
    """Claim `asked`'s delivery and keep its answer; False (nothing written) for a repeat.

    Args:
        answer: the message to keep; by default the answer worked out now (`answer_event`).
    """
    if asked.event_id is not None and not deps.seen.claim(connection, asked.event_id):
        return False
    if answer is None:
        answer = answer_event(deps, connection, asked)
    asker = deps.feedback.questions.hash_user(asked.user) if deps.feedback is not None and asked.user else None
    deps.outbox.add(connection, event_id=asked.event_id, team_id=asked.team_id, channel=asked.channel,
                    thread_ts=asked.thread_ts, message=answer, hold=hold, user_hash=asker)
    return True


def send_kept_answer(body: dict, context) -> None:
    """The listener after the ack: wake this process's sender for the answer's channel (any process's
    sender would send it too, at its next poll)."""
    event = body.get("event") if isinstance(body.get("event"), dict) else {}
    channel = event.get("channel")
    deps_of(context).sender.nudge(channel if isinstance(channel, str) else None)


def release_kept_answer(body: dict, context) -> None:
    """After the ack, once what had to come first is done: a held answer may be sent now."""
    event_id = body.get("event_id")
    if isinstance(event_id, str):
        try:
            deps_of(context).outbox.release(event_id)
        except StoreUnavailable as e:  # its hold ends by itself
            log.warning("could not release a kept answer early: %s", e, extra={"event_id": event_id})
    send_kept_answer(body, context)
