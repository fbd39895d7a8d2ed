"""Slack's repeated deliveries: an Events API delivery whose `event_id` was claimed before is not answered again.

Slack retries a delivery (same `event_id`, header `X-Slack-Retry-Num`) when it thinks the
first failed, and the retry may reach another worker, host, or a restarted process: the
claim goes to the state store (`evalbot.slack.transport.outbox.claims.DeliveryClaims`). `SkipRepeats`
is the Home tab listener's Bolt middleware: a repeat is acknowledged (200, empty) and goes
no further. Mentions and DMs claim together with their answer (`evalbot.slack.transport.outbox.keep`).
"""

import logging
from collections.abc import Callable

from slack_bolt import BoltResponse
from slack_bolt.middleware import Middleware
from slack_bolt.request import BoltRequest

from evalbot.errors import StoreUnavailable
from evalbot.slack.deps import deps_of

log = logging.getLogger(__name__)


def is_repeat(request: BoltRequest) -> bool:
    """Claim the delivery's `event_id`; True (and logged) when it was claimed before.

    Used where a second answer is harmless (the Home tab): a store that cannot record
    the claim lets the delivery through. Mentions and DMs claim with their answer
    (`evalbot.slack.transport.outbox.keep`) and fail closed instead.
    """
    event_id = request.body.get("event_id")
    if not isinstance(event_id, str) or not event_id:
        return False
    try:
        if deps_of(request.context).seen.first_time(event_id):
            return False
    except StoreUnavailable as e:
        log.warning("duplicate-delivery claim not recorded (%s); answering", e, extra={"event_id": event_id})
        return False
    log_repeat(request)
    return True


def log_repeat(request: BoltRequest) -> None:
    """One line for a repeated delivery: its id and Slack's retry number and reason."""
    headers = request.headers
    log.info(
        "repeated delivery ignored",
        extra={
            "event_id": request.body.get("event_id"),
            "retry_num": headers.get("x-slack-retry-num", [None])[0],
            "retry_reason": headers.get("x-slack-retry-reason", [None])[0],
        },
    )


class SkipRepeats(Middleware):
    """Listener middleware: a delivery seen before is acknowledged and not answered again.

    Class-based, so Bolt calls `process` as it is, without building every argument a
    function middleware could ask for.
    """

    def process(
        self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]  # noqa: A002 - Bolt's name
    ) -> BoltResponse | None:
        if is_repeat(req):
            return BoltResponse(status=200, body="")
        return next()
