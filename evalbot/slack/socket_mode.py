"""`evalbot serve` over Socket Mode: a WebSocket to Slack, no public URL needed.

The app-level token (`xapp-`, scope `connections:write`) opens the connection with
`apps.connections.open` on the same Web API base URL as everything else, so
`SLACK_API_URL` applies here too. Each delivery runs inside its own request id.
"""

import logging
import signal
import threading

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_sdk.errors import SlackApiError

from evalbot.errors import ConfigError
from evalbot.logs import log_fields, request_scope
from evalbot.slack.app import drain
from evalbot.slack.middleware import new_request_id

log = logging.getLogger(__name__)


class TaggedSocketModeHandler(SocketModeHandler):
    """Bolt's Socket Mode handler, with a request id (and the event's `event_id`) on every envelope's log lines."""

    def handle(self, client, req) -> None:
        event_id = req.payload.get("event_id") if isinstance(req.payload, dict) else None
        with request_scope(new_request_id()), log_fields(event_id=event_id):
            super().handle(client, req)


def run_socket_mode(app: App, *, app_token: str, stop: threading.Event | None = None) -> int:
    """Connect and serve until SIGTERM/SIGINT (or `stop` is set); then drain and exit 0."""
    stop = stop or threading.Event()
    handler = TaggedSocketModeHandler(app, app_token=app_token)
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.set())
    try:
        handler.connect()
    except SlackApiError as e:
        raise ConfigError(f"SLACK_APP_TOKEN was not accepted: {e.response.get('error')}") from e
    log.info("connected to Slack over Socket Mode")
    stop.wait()
    log.info("stopping: draining listeners")
    handler.close()
    drain(app)
    return 0
