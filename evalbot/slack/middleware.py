"""Global Bolt middleware: hand the listeners their dependencies, tag the delivery, drop repeats."""

import logging
import uuid

from slack_bolt import BoltResponse

from evalbot.logs import current_request_id
from evalbot.slack.deps import DEPS_KEY, Deps

log = logging.getLogger(__name__)


def new_request_id() -> str:
    return uuid.uuid4().hex[:12]


def provide(deps: Deps):
    """Middleware putting `deps` (and the delivery's request id) in the Bolt context."""

    def provide_deps(context, next):
        context[DEPS_KEY] = deps
        context["request_id"] = current_request_id() or new_request_id()
        next()

    return provide_deps


def skip_repeated_events(body, request, context, next):
    """Answer an Events API delivery once: a retry (or any repeat) of a seen `event_id` is acked and dropped."""
    event_id = body.get("event_id") if body.get("type") == "event_callback" else None
    if isinstance(event_id, str) and event_id and not context[DEPS_KEY].seen.first_time(event_id):
        retry = request.headers.get("x-slack-retry-num", [None])[0]
        log.info(
            "repeated delivery ignored",
            extra={
                "event_id": event_id,
                "retry_num": retry,
                "retry_reason": request.headers.get("x-slack-retry-reason", [None])[0],
            },
        )
        return BoltResponse(status=200, body="")
    next()
