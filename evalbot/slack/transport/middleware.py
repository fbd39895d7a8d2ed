"""Global Bolt middleware: hand the listeners their dependencies and tag the delivery.

One class-based middleware rather than functions: Bolt calls `process` directly, where
a function middleware costs it a full keyword-argument injection on every delivery.
"""

import random
from collections.abc import Callable

from slack_bolt import BoltResponse
from slack_bolt.middleware import Middleware
from slack_bolt.request import BoltRequest

from evalbot.logs import current_request_id
from evalbot.metrics import instruments
from evalbot.slack.deps import DEPS_KEY, Deps


def new_request_id() -> str:
    """12 hex digits naming one delivery in the logs: unique enough, and no system call (uuid4's urandom)."""
    return f"{random.getrandbits(48):012x}"


def delivery_kind(body: dict) -> str:
    """`app_mention`, `message`, ... for an event; `slash_command`, `block_actions`, ... otherwise."""
    if isinstance(body.get("command"), str):
        return "slash_command"
    event = body.get("event")
    if body.get("type") == "event_callback" and isinstance(event, dict) and isinstance(event.get("type"), str):
        return event["type"][:40]
    kind = body.get("type")
    return kind[:40] if isinstance(kind, str) else "other"


class EvalbotMiddleware(Middleware):
    """For every delivery: put `deps` and the request id in the Bolt context. A slash
    command's listener is run in the request thread (`run_inline(True)`): it answers in
    its ack, so handing it to another thread only adds a hop.

    Args:
        deps: what the listeners need.
        run_inline: called with whether the listener of this delivery should run in
            the request thread (`ContextThreadPoolExecutor.run_next_inline`); None: never.
    """

    def __init__(self, deps: Deps, *, run_inline: Callable[[bool], None] | None = None):
        self.deps = deps
        self.run_inline = run_inline

    def process(
        self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]  # noqa: A002 - Bolt's name
    ) -> BoltResponse | None:
        context = req.context
        context[DEPS_KEY] = self.deps
        context["request_id"] = current_request_id() or new_request_id()
        body = req.body
        instruments.deliveries.labels(kind=delivery_kind(body)).inc()
        if self.run_inline is not None:
            # Set on every delivery, so a flag no listener consumed never outlives its request.
            self.run_inline(isinstance(body.get("command"), str))
        return next()
