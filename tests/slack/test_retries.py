"""The Web API client's retries: 429 (honouring Retry-After) and 5xx a bounded number of times; a call that never
reached Slack once more; a post whose connection broke after it was sent, never again."""

import socket
import threading
import time
from urllib.error import URLError

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from evalbot.slack.transport.retries import MAX_RETRIES, may_have_reached_slack, retry_handlers


@pytest.fixture()
def client(fake_slack):
    return WebClient(token="xoxb-test", base_url=fake_slack.url, retry_handlers=retry_handlers())


class HangsUpAfterReading:
    """A Web API that reads each whole request, counts it, and closes the connection without answering:
    the request reached the server, and the client cannot know whether it was carried out."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.requests: list[bytes] = []
        threading.Thread(target=self._serve, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.listener.getsockname()[1]}/api/"

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            with conn:
                data = b""
                while b"\r\n\r\n" not in data:
                    data += conn.recv(4096)
                head, _, body = data.partition(b"\r\n\r\n")
                length = next(
                    int(line.split(b":", 1)[1])
                    for line in head.split(b"\r\n")
                    if line.lower().startswith(b"content-length")
                )
                while len(body) < length:
                    body += conn.recv(4096)
                self.requests.append(head.split(b" ", 2)[1])

    def close(self) -> None:
        self.listener.close()


@pytest.fixture()
def hangs_up():
    server = HangsUpAfterReading()
    yield server
    server.close()


def refused_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}/api/"  # nobody listens there once closed


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


def test_a_post_whose_connection_broke_after_sending_is_not_sent_again(hangs_up):
    """Slack may have posted it: a second chat.postMessage could show the answer twice."""
    client = WebClient(token="xoxb-test", base_url=hangs_up.url, retry_handlers=retry_handlers())
    with pytest.raises(ConnectionError) as failure:
        client.chat_postMessage(channel="C1", text="hi")
    assert hangs_up.requests == [b"/api/chat.postMessage"]
    assert may_have_reached_slack(failure.value)


def test_a_repeatable_call_is_sent_again_after_the_same_break(hangs_up):
    """Publishing the same Home tab twice changes nothing, so views.publish is retried once."""
    client = WebClient(token="xoxb-test", base_url=hangs_up.url, retry_handlers=retry_handlers())
    with pytest.raises(ConnectionError):
        client.views_publish(user_id="U1", view={"type": "home", "blocks": []})
    assert hangs_up.requests == [b"/api/views.publish"] * 2


def test_a_refused_connection_never_reached_slack_and_is_tried_once_more(monkeypatch):
    """Connection refused: nothing was sent, so one more try is safe; the error says why it failed."""
    attempts = []
    real = socket.create_connection
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: attempts.append(a) or real(*a, **k))
    client = WebClient(token="xoxb-test", base_url=refused_url(), retry_handlers=retry_handlers())
    with pytest.raises(URLError) as failure:
        client.chat_postMessage(channel="C1", text="hi")
    assert isinstance(failure.value.reason, ConnectionRefusedError)
    assert not may_have_reached_slack(failure.value) and len(attempts) == 2
