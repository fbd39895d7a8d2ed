"""Helpers for the Slack tests: build the real Bolt app against the fake Web API, and dispatch signed bodies."""

import json
import time

from slack_bolt import App
from slack_sdk import WebClient
from slack_bolt.request import BoltRequest
from slack_fakes import TOKEN, signed_headers

from evalbot.config import Settings
from evalbot.slack.app import build_app, start_sending
from evalbot.slack.retries import retry_handlers


def make_app(settings: Settings, brain, **kwargs) -> App:
    client = WebClient(token=TOKEN, base_url=settings.slack_api_url, retry_handlers=retry_handlers())
    app = build_app(settings, brain, client=client, **kwargs)
    start_sending(app)
    return app


class Deliver:
    """Signs and dispatches a body through the real Bolt app; waits for the listeners it started."""

    def __init__(self, app: App):
        self.app = app

    def __call__(
        self, body: str, *, content_type: str = "application/json", headers: dict | None = None, wait: bool = True
    ):
        request = BoltRequest(body=body, headers=signed_headers(body, content_type=content_type, extra=headers))
        response = self.app.dispatch(request)
        if wait:
            self.idle()
        return response

    def form(self, body: str, **kwargs):
        return self(body, content_type="application/x-www-form-urlencoded", **kwargs)

    def idle(self) -> None:
        """Wait for the listeners this delivery started, then (up to 5 s) for the outbox to be sent."""
        assert self.app.listener_runner.listener_executor.wait_idle(10)
        outbox = self.app.deps.outbox
        deadline = time.monotonic() + 5
        while outbox.pending() and time.monotonic() < deadline:
            time.sleep(0.01)


def body_json(response) -> dict:
    return json.loads(response.body) if response.body else {}
