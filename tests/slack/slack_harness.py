"""Helpers for the Slack tests: build the real Bolt app against the fake Web API, and dispatch signed bodies."""

import json
import time

from slack_bolt import App
from slack_bolt.request import BoltRequest
from slack_fakes import signed_headers

from evalbot.config import Settings
from evalbot.slack.app import build_app, start_sending


def make_app(settings: Settings, brain, **kwargs) -> App:
    """The app `serve` builds, its Web API client included (SLACK_API_URL is the fake's), its sender started."""
    app = build_app(settings, brain, **kwargs)
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
