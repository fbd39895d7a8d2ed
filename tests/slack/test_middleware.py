"""Slack's retries are answered once: same event_id, X-Slack-Retry-Num, across workers and restarts."""

import pytest
from slack_fakes import direct_message, event_callback, mention
from slack_harness import make_app

from evalbot.slack.app import drain

RETRY = {"x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout"}


def test_a_retried_delivery_is_answered_once(deliver, fake_slack):
    body = event_callback(mention("budget"), event_id="EvRetry1")
    assert deliver(body).status == 200
    assert deliver(body, headers=RETRY).status == 200
    assert deliver(body, headers={"x-slack-retry-num": "2", "x-slack-retry-reason": "http_error"}).status == 200
    assert len(fake_slack.wait_for("chat.postMessage", count=2, timeout=0.3)) == 1


def test_a_retry_whose_first_delivery_never_arrived_is_answered(deliver, fake_slack):
    deliver(event_callback(mention("budget"), event_id="EvLost"), headers=RETRY)
    assert len(fake_slack.wait_for("chat.postMessage")) == 1


def test_a_retry_after_a_restart_is_still_answered_once(settings, brain, fake_slack):
    from slack_harness import Deliver

    body = event_callback(mention("budget"), event_id="EvRestart")
    first = make_app(settings, brain)
    Deliver(first)(body)
    drain(first)
    restarted = make_app(settings, brain)  # a new worker: same EVALBOT_DATA_DIR, new process state
    Deliver(restarted)(body, headers=RETRY)
    drain(restarted)
    assert len(fake_slack.calls_to("chat.postMessage")) == 1


def test_two_workers_sharing_the_store_answer_once(settings, brain, fake_slack):
    from slack_harness import Deliver

    one, two = make_app(settings, brain), make_app(settings, brain)
    body = event_callback(mention("budget"), event_id="EvTwoWorkers")
    Deliver(one)(body)
    Deliver(two)(body, headers=RETRY)
    drain(one)
    drain(two)
    assert len(fake_slack.calls_to("chat.postMessage")) == 1


def test_request_id_is_in_the_context(app, deliver, fake_slack):
    seen = {}

    @app.middleware
    def capture(context, next):
        seen["request_id"] = context.get("request_id")
        next()

    deliver(event_callback(mention("budget"), event_id="EvCtx"))
    assert seen["request_id"]


@pytest.mark.parametrize(
    "event",
    [
        mention("budget"),
        direct_message("budget"),
        {"type": "app_home_opened", "user": "U0USER01", "channel": "D0DM0001", "tab": "home", "event_ts": "1.2"},
    ],
    ids=["app_mention", "message.im", "app_home_opened"],
)
def test_every_event_listener_drops_a_repeat_and_acks_it(deliver, fake_slack, event):
    """Each Events API listener answers the first delivery once, and acks the retry with an empty 200."""
    body = event_callback(event, event_id=f"EvOnce-{event['type']}")
    deliver(body)
    response = deliver(body, headers=RETRY)
    assert response.status == 200 and not response.body
    assert len([c for c in fake_slack.calls if c["method"] in ("chat.postMessage", "views.publish")]) == 1


def test_a_repeat_is_logged_with_its_retry_headers(deliver, fake_slack, caplog):
    """The dropped repeat leaves one log line naming the event and Slack's retry reason."""
    import logging

    body = event_callback(mention("budget"), event_id="EvLogged")
    deliver(body)
    with caplog.at_level(logging.INFO, logger="evalbot.slack.transport.repeats"):
        deliver(body, headers=RETRY)
    [record] = [r for r in caplog.records if r.getMessage() == "repeated delivery ignored"]
    assert (record.event_id, record.retry_num, record.retry_reason) == ("EvLogged", "1", "http_timeout")
