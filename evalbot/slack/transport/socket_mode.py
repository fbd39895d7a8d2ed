"""`evalbot serve` over Socket Mode: a WebSocket to Slack, no public URL needed.

The app-level token (`xapp-`, scope `connections:write`) opens the connection with
`apps.connections.open` on the same Web API base URL as everything else, so
`SLACK_API_URL` applies here too. Each delivery runs inside its own request id.

A connection can die without a close frame (a NAT or proxy dropping it, a host gone)
or stay open and go silent. slack_sdk's client pings every `ping_interval` seconds
and drops a connection that has answered no ping for four intervals, then opens a
new one; Bolt's default interval of 10 s meant 40-50 s of deafness. At
`PING_INTERVAL_SECONDS` a dead connection is replaced within about 10 s (a reset one,
found by the next ping, within a few).
"""

import logging
import signal
import threading

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_sdk.errors import SlackApiError

from evalbot.errors import ConfigError
from evalbot.logs import log_fields, request_scope
from evalbot.slack.app import drain, start_sending
from evalbot.slack.transport.middleware import new_request_id

log = logging.getLogger(__name__)
PING_INTERVAL_SECONDS = 2.0


class TaggedSocketModeHandler(SocketModeHandler):
    """Bolt's Socket Mode handler, with a request id (and the event's `event_id`) on every envelope's log lines."""

    def handle(self, client, req) -> None:
        event_id = req.payload.get("event_id") if isinstance(req.payload, dict) else None
        with request_scope(new_request_id()), log_fields(event_id=event_id):
            super().handle(client, req)


def run_socket_mode(app: App, *, app_token: str, stop: threading.Event | None = None) -> int:
    """Connect and serve until SIGTERM/SIGINT (or `stop` is set); then drain and exit 0."""
    stop = stop or threading.Event()
    handler = TaggedSocketModeHandler(app, app_token=app_token, ping_interval=PING_INTERVAL_SECONDS)
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.set())
    start_sending(app)
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
