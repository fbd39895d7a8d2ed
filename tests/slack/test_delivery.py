"""A failed send is one log line naming the channel, the HTTP status, Slack's error and the connection's reason,
without a traceback; a post whose connection broke after sending is not sent again.

Sent from a listener: here a related-topic button's answer, posted in the thread. (Mentions and
DMs are posted by the outbox's sender: tests/slack/outbox/test_sender.py.)"""

import io
import json
import logging

import pytest
from slack_fakes import HANG_UP, SECRET, FakeSlack, block_actions
from slack_harness import make_app
from test_wsgi import Client

from evalbot.logs import JsonFormatter
from evalbot.rendering.block_kit import PICK_ACTION
from evalbot.slack.app import drain
from evalbot.slack.transport.wsgi import SlackWsgiApp


@pytest.fixture()
def failures():
    """The JSON lines of `evalbot.slack.transport.delivery`, as the server writes them."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("evalbot.slack.transport.delivery")
    logger.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logger.removeHandler(handler)


def click_through_http(app) -> None:
    """A related-topic button on a message in C0CHAN01: its answer is posted in the thread."""
    click = block_actions({"action_id": f"{PICK_ACTION}:rel:1", "value": "board-pitch"},
                          message={"type": "message", "ts": "1700000001.000100"})
    Client(SlackWsgiApp(app=app, signing_secret=SECRET)).signed(click, content_type="application/x-www-form-urlencoded")
    assert app.listener_runner.listener_executor.wait_idle(10)


@pytest.mark.parametrize(
    "response,status,error",
    [
        ((200, {}, {"ok": False, "error": "channel_not_found"}), 200, "channel_not_found"),
        ((429, {"Retry-After": "3600"}, {"ok": False, "error": "ratelimited"}), 429, "ratelimited"),
        ((403, {}, {"ok": False, "error": "not_in_channel"}), 403, "not_in_channel"),
    ],
    ids=["slack-error", "rate-limited-too-long", "http-403"],
)
def test_a_refused_post_is_one_line_with_where_and_why(app, fake_slack, failures, response, status, error):
    """Slack's answer is in the line: the status, its error and the channel."""
    fake_slack.script("chat.postMessage", response)
    click_through_http(app)
    [line] = failures()
    assert line["level"] == "ERROR" and "traceback" not in line
    assert (line["channel"], line["http_status"], line["slack_error"]) == ("C0CHAN01", status, error)
    assert "channel=C0CHAN01" in line["message"] and error in line["message"] and str(status) in line["message"]


def test_a_refused_connection_gives_its_reason_in_the_line(settings, brain, failures, caplog):
    """Slack unreachable: the line says "Connection refused" itself instead of burying it in a traceback,
    and it is the only ERROR line about it (slack_sdk's own report of the failed call is dropped)."""
    gone = FakeSlack()
    app = make_app(settings.model_copy(update={"slack_api_url": gone.url}), brain)
    try:
        click_through_http(app)  # Bolt checks the token once, while the API is still there
        gone.close()
        click_through_http(app)
    finally:
        drain(app)
    [line] = failures()
    assert "traceback" not in line and line["http_status"] is None
    assert [r.name for r in caplog.records if r.levelno >= logging.ERROR] == ["evalbot.slack.transport.delivery"]
    assert line["reason"].startswith("ConnectionRefusedError") and "Connection refused" in line["message"]


def test_a_post_cut_off_after_sending_is_logged_and_not_sent_again(app, fake_slack, failures):
    """Slack may have posted it: sending again could post the answer twice, so the line says so instead."""
    fake_slack.script("chat.postMessage", HANG_UP)
    click_through_http(app)
    assert len(fake_slack.calls_to("chat.postMessage")) == 1
    [line] = failures()
    assert line["may_have_gone_through"] is True and line["channel"] == "C0CHAN01"
    assert "Slack may have carried it out" in line["message"] and "traceback" not in line
