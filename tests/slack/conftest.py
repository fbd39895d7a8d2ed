"""Fixtures for the Slack tests: a fake Web API, a real Bolt app talking to it, and signed dispatch."""

import sys
from pathlib import Path

import pytest
from slack_bolt import App

sys.path.insert(0, str(Path(__file__).parent))

from slack_fakes import SECRET, TOKEN, FakeSlack  # noqa: E402
from slack_harness import Deliver, make_app  # noqa: E402

from evalbot.config import Settings  # noqa: E402
from evalbot.slack.app import drain  # noqa: E402


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
    return Settings(
        _env_file=None,
        slack_bot_token=TOKEN,
        slack_signing_secret=SECRET,
        slack_api_url=fake_slack.url,
        evalbot_data_dir=tmp_path / "data",
    )


@pytest.fixture()
def app(settings, brain) -> App:
    bolt = make_app(settings, brain)
    yield bolt
    drain(bolt)


@pytest.fixture()
def deliver(app) -> Deliver:
    return Deliver(app)
