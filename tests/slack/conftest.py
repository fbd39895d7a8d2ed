"""Fixtures for the Slack tests: a fake Web API, a real Bolt app talking to it, and signed dispatch."""

import json
import sys
from pathlib import Path

import pytest
from slack_bolt import App
from slack_bolt.request import BoltRequest
from slack_sdk import WebClient

sys.path.insert(0, str(Path(__file__).parent))

from slack_fakes import SECRET, TOKEN, FakeSlack, signed_headers  # noqa: E402

from evalbot.config import Settings  # noqa: E402
from evalbot.slack.app import build_app  # noqa: E402
from evalbot.slack.retries import retry_handlers  # noqa: E402


@pytest.fixture(scope="session")
def fake_slack_server():
    fake = FakeSlack()
    yield fake
    fake.close()


@pytest.fixture()
def fake_slack(fake_slack_server):
    fake_slack_server.reset()
    return fake_slack_server


@pytest.fixture()
def settings(tmp_path, fake_slack) -> Settings:
    return Settings(_env_file=None, slack_bot_token=TOKEN, slack_signing_secret=SECRET,
                    slack_api_url=fake_slack.url, evalbot_data_dir=tmp_path / "data")


def make_app(settings: Settings, brain, **kwargs) -> App:
    client = WebClient(token=TOKEN, base_url=settings.slack_api_url, retry_handlers=retry_handlers())
    return build_app(settings, brain, client=client, **kwargs)


@pytest.fixture()
def app(settings, brain) -> App:
    bolt = make_app(settings, brain)
    yield bolt
    bolt.listener_runner.listener_executor.shutdown(wait=True)


class Deliver:
    """Signs and dispatches a body through the real Bolt app; waits for the listeners it started."""

    def __init__(self, app: App):
        self.app = app

    def __call__(self, body: str, *, content_type: str = "application/json", headers: dict | None = None,
                 wait: bool = True):
        request = BoltRequest(body=body, headers=signed_headers(body, content_type=content_type, extra=headers))
        response = self.app.dispatch(request)
        if wait:
            self.idle()
        return response

    def form(self, body: str, **kwargs):
        return self(body, content_type="application/x-www-form-urlencoded", **kwargs)

    def idle(self) -> None:
        assert self.app.listener_runner.listener_executor.wait_idle(10)


@pytest.fixture()
def deliver(app) -> Deliver:
    return Deliver(app)


def body_json(response) -> dict:
    return json.loads(response.body) if response.body else {}
