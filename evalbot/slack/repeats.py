"""Slack's repeated deliveries: an Events API delivery whose `event_id` was claimed before is not answered again.

Slack retries a delivery (same `event_id`, header `X-Slack-Retry-Num`) when it thinks the
first failed, and the retry may reach another worker, or one that has restarted: the
claim goes to the shared `SeenEvents` store. `SkipRepeats` is the event listeners' Bolt
middleware: a repeat is acknowledged (200, empty) and goes no further.
"""

import logging
from collections.abc import Callable

from slack_bolt import BoltResponse
from slack_bolt.middleware import Middleware
from slack_bolt.request import BoltRequest

from evalbot.slack.deps import deps_of

log = logging.getLogger(__name__)


def is_repeat(request: BoltRequest) -> bool:
    """Claim the delivery's `event_id`; True (and logged) when it was claimed before."""
    body = request.body
    event_id = body.get("event_id")
    if not isinstance(event_id, str) or not event_id or deps_of(request.context).seen.first_time(event_id):
        return False
    headers = request.headers
    log.info(
        "repeated delivery ignored",
        extra={
            "event_id": event_id,
            "retry_num": headers.get("x-slack-retry-num", [None])[0],
            "retry_reason": headers.get("x-slack-retry-reason", [None])[0],
        },
    )
    return True


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
