"""A failed send is one log line naming the channel, the delivery's event_id, the HTTP status, Slack's error and
the connection's reason, without a traceback; a post whose connection broke after sending is not sent again."""

import io
import json
import logging

import pytest
from slack_fakes import HANG_UP, SECRET, FakeSlack, event_callback, mention
from slack_harness import make_app
from test_wsgi import Client

from evalbot.logs import JsonFormatter
from evalbot.slack.app import drain
from evalbot.slack.wsgi import SlackWsgiApp


@pytest.fixture()
def failures():
    """The JSON lines of `evalbot.slack.delivery`, as the server writes them."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("evalbot.slack.delivery")
    logger.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logger.removeHandler(handler)


def mention_through_http(app, event_id: str) -> None:
    Client(SlackWsgiApp(app=app, signing_secret=SECRET)).signed(event_callback(mention("budget"), event_id=event_id))
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
    """Slack's answer is in the line: the status, its error, the channel and the event being answered."""
    fake_slack.script("chat.postMessage", response)
    mention_through_http(app, "EvRefused")
    [line] = failures()
    assert line["level"] == "ERROR" and "traceback" not in line
    assert (line["channel"], line["event_id"], line["http_status"], line["slack_error"]) == (
        "C0CHAN01",
        "EvRefused",
        status,
        error,
    )
    assert "channel=C0CHAN01" in line["message"] and error in line["message"] and str(status) in line["message"]


def test_a_refused_connection_gives_its_reason_in_the_line(settings, brain, failures):
    """Slack unreachable: the line says "Connection refused" itself instead of burying it in a traceback."""
    gone = FakeSlack()
    app = make_app(settings.model_copy(update={"slack_api_url": gone.url}), brain)
    try:
        mention_through_http(app, "EvWarmUp")  # Bolt checks the token once, while the API is still there
        gone.close()
        mention_through_http(app, "EvUnreachable")
    finally:
        drain(app)
    line = next(line for line in failures() if line.get("event_id") == "EvUnreachable")
    assert "traceback" not in line and line["http_status"] is None
    assert line["reason"].startswith("ConnectionRefusedError") and "Connection refused" in line["message"]


def test_a_post_cut_off_after_sending_is_logged_and_not_sent_again(app, fake_slack, failures):
    """Slack may have posted it: sending again could post the answer twice, so the line says so instead."""
    fake_slack.script("chat.postMessage", HANG_UP)
    mention_through_http(app, "EvCutOff")
    assert len(fake_slack.calls_to("chat.postMessage")) == 1
    [line] = failures()
    assert line["may_have_gone_through"] is True and line["event_id"] == "EvCutOff"
    assert "not sent again" in line["message"] and "traceback" not in line
