"""The kept-alive Web API client: connections reused per thread, stale ones replaced, errors as urllib gives them."""

import os
import socket
import threading
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.error import URLError

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from evalbot.slack.keep_alive import KeepAliveWebClient
from evalbot.slack.retries import retry_handlers


def client_for(url: str, **kwargs) -> KeepAliveWebClient:
    return KeepAliveWebClient(token="xoxb-test", base_url=url, retry_handlers=retry_handlers(), **kwargs)


def test_one_thread_reuses_one_connection(fake_slack):
    """Twenty posts from one thread travel over a single connection."""
    client = client_for(fake_slack.url)
    for n in range(20):
        assert client.chat_postMessage(channel="C1", text=f"answer {n}")["ok"]
    assert len(set(fake_slack.peers_of("chat.postMessage"))) == 1
    assert [c["text"] for c in fake_slack.calls_to("chat.postMessage")] == [f"answer {n}" for n in range(20)]


def test_threads_never_share_a_connection(fake_slack):
    """Four threads posting at once each use their own connection, and every post arrives intact."""
    client = client_for(fake_slack.url)
    barrier = threading.Barrier(4)

    def post(worker: int) -> list[bool]:
        barrier.wait()
        return [client.chat_postMessage(channel="C1", text=f"{worker}-{n}")["ok"] for n in range(10)]

    with ThreadPoolExecutor(max_workers=4) as pool:
        assert all(all(oks) for oks in pool.map(post, range(4)))
    texts = sorted(c["text"] for c in fake_slack.calls_to("chat.postMessage"))
    assert texts == sorted(f"{w}-{n}" for w in range(4) for n in range(10))
    assert len(set(fake_slack.peers_of("chat.postMessage"))) == 4


class _ClosesAfterEachAnswer(BaseHTTPRequestHandler):
    """Answers over HTTP/1.1 without `Connection: close`, then hangs up: a kept connection gone stale."""

    protocol_version = "HTTP/1.1"
    peers: list = []

    def do_POST(self):  # noqa: N802 - the http.server API
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        type(self).peers.append(self.client_address)
        body = b'{"ok": true, "channel": "C1", "ts": "1.2"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()
        self.close_connection = True

    def log_message(self, *args):
        pass


@pytest.fixture()
def hanging_up_server():
    _ClosesAfterEachAnswer.peers = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _ClosesAfterEachAnswer)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def test_a_connection_the_server_dropped_is_replaced(hanging_up_server):
    """Each call finds its kept connection closed by the server, reconnects and succeeds, sent exactly once."""
    client = client_for(f"http://127.0.0.1:{hanging_up_server.server_port}/api/")
    for _ in range(3):
        assert client.chat_postMessage(channel="C1", text="hi")["ok"]
    assert len(_ClosesAfterEachAnswer.peers) == 3 and len(set(_ClosesAfterEachAnswer.peers)) == 3


@pytest.mark.parametrize("status", [404, 500])
def test_an_error_status_reaches_slack_sdk_as_urllib_would_give_it(fake_slack, status):
    """A non-2xx answer is an `HTTPError` to slack_sdk: it becomes a `SlackApiError` carrying Slack's error."""
    fake_slack.script("chat.postMessage", *[(status, {}, {"ok": False, "error": "channel_not_found"})] * 3)
    with pytest.raises(SlackApiError) as caught:
        client_for(fake_slack.url).chat_postMessage(channel="C404", text="hi")
    assert caught.value.response.status_code == status
    assert caught.value.response["error"] == "channel_not_found"


def unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_an_unreachable_api_is_a_urlerror():
    """Connection refused: a `URLError`, as urlopen raises it (so the retry policy and the logging treat it alike)."""
    with pytest.raises(URLError):
        client_for(f"http://127.0.0.1:{unused_port()}/api/").chat_postMessage(channel="C1", text="hi")


def test_a_proxy_uses_slack_sdks_own_transport(fake_slack, monkeypatch):
    """With a proxy configured the call goes through urllib (which knows proxies), not a kept connection."""
    used = []
    urllib_transport = WebClient._perform_urllib_http_request_internal

    def recording(self, url, req):
        used.append(url)
        return urllib_transport(self, url, req)

    monkeypatch.setattr(WebClient, "_perform_urllib_http_request_internal", recording)
    assert client_for(fake_slack.url).chat_postMessage(channel="C1", text="direct")["ok"]
    assert used == []
    with pytest.raises(URLError):  # nothing listens on the proxy's port
        client_for(fake_slack.url, proxy=f"http://127.0.0.1:{unused_port()}").chat_postMessage(channel="C1", text="x")
    assert used and used[0].endswith("chat.postMessage")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_forked_worker_opens_its_own_connection(fake_slack):
    """After a fork (gunicorn's workers) the child never writes to the parent's socket."""
    client = client_for(fake_slack.url)
    client.chat_postMessage(channel="C1", text="parent before")
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            code = 0 if client.chat_postMessage(channel="C1", text="child")["ok"] else 1
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    client.chat_postMessage(channel="C1", text="parent after")
    texts = [c["text"] for c in fake_slack.calls_to("chat.postMessage")]
    peers = dict(zip(texts, fake_slack.peers_of("chat.postMessage")))
    assert peers["parent before"] == peers["parent after"] != peers["child"]


def test_listeners_post_through_the_apps_kept_alive_client(app, deliver, fake_slack):
    """Bolt hands each delivery a fresh plain client; evalbot's listeners get the app's own, so
    answers to six mentions in a row reuse connections instead of opening six."""
    from slack_fakes import event_callback, mention

    for n in range(6):
        deliver(event_callback(mention(f"budget question {n}"), event_id=f"EvReuse{n}"))
    peers = fake_slack.peers_of("chat.postMessage")
    assert len(peers) == 6 and len(set(peers)) < 6
    assert isinstance(app.deps.client, KeepAliveWebClient)
