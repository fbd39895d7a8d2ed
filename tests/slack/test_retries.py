"""The Web API client backs off on 429 (honouring Retry-After) and 5xx, a bounded number of times."""

import time

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from evalbot.slack.keep_alive import KeepAliveWebClient
from evalbot.slack.retries import MAX_RETRIES, retry_handlers


@pytest.fixture(params=[WebClient, KeepAliveWebClient], ids=["urllib", "keep-alive"])
def client(fake_slack, request):
    """The retry policy holds on slack_sdk's own transport and on evalbot's kept-alive one."""
    return request.param(token="xoxb-test", base_url=fake_slack.url, retry_handlers=retry_handlers())


def test_429_then_200_waits_for_retry_after(client, fake_slack):
    fake_slack.script("chat.postMessage", (429, {"Retry-After": "1"}, {"ok": False, "error": "ratelimited"}))
    started = time.monotonic()
    assert client.chat_postMessage(channel="C1", text="hi")["ok"]
    assert time.monotonic() - started >= 1.0
    assert len(fake_slack.calls_to("chat.postMessage")) == 2


def test_500_then_200(client, fake_slack):
    fake_slack.script("chat.postMessage", (503, {}, {"ok": False}))
    assert client.chat_postMessage(channel="C1", text="hi")["ok"]


def test_retries_are_bounded(client, fake_slack):
    fake_slack.script("chat.postMessage", *[(500, {}, {"ok": False, "error": "fatal"})] * 10)
    with pytest.raises(SlackApiError):
        client.chat_postMessage(channel="C1", text="hi")
    assert len(fake_slack.calls_to("chat.postMessage")) == 1 + MAX_RETRIES


def test_a_retry_after_too_long_is_not_waited_for(client, fake_slack):
    fake_slack.script("chat.postMessage", (429, {"Retry-After": "3600"}, {"ok": False, "error": "ratelimited"}))
    started = time.monotonic()
    with pytest.raises(SlackApiError):
        client.chat_postMessage(channel="C1", text="hi")
    assert time.monotonic() - started < 1
