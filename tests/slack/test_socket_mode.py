"""Socket Mode: the xapp- token opens a connection through SLACK_API_URL; envelopes are acked and answered;
a connection that dies (no close frame) or goes silent is replaced, and the new one answers."""

import json
import threading
from urllib.parse import parse_qsl

import pytest
from fake_socket import FakeSocketMode
from slack_fakes import event_callback, mention, slash_command
from slack_harness import make_app

from evalbot.slack.transport.socket_mode import run_socket_mode

APP_TOKEN = "xapp-1-A0EVALBOT-1234-abcdef"
# How long a test waits for the client to notice a dead connection and open another. The
# target is about 10 s (pings every 2 s); with Bolt's default 10 s pings it took 40-50 s.
RECONNECT_WITHIN = 20


@pytest.fixture()
def socket_server(fake_slack):
    server = FakeSocketMode()
    fake_slack.script("apps.connections.open", *[(200, {}, {"ok": True, "url": server.url})] * 5)
    yield server
    server.close()


@pytest.fixture()
def running(settings, brain, socket_server, fake_slack):
    app = make_app(settings, brain)
    stop = threading.Event()
    result = {}
    thread = threading.Thread(
        target=lambda: result.setdefault("code", run_socket_mode(app, app_token=APP_TOKEN, stop=stop))
    )
    thread.start()
    assert socket_server.connected.wait(10)
    yield socket_server
    stop.set()
    thread.join(20)
    assert result.get("code") == 0


def test_socket_mode_end_to_end(running, fake_slack):
    # The app-level token opened the connection through SLACK_API_URL.
    [call] = [c for c in fake_slack.calls if c["method"] == "apps.connections.open"]
    assert call["authorization"] == f"Bearer {APP_TOKEN}"

    # A slash command envelope is acked with the answer as its payload.
    payload = dict(parse_qsl(slash_command("roi cost=2M incidents=10 incident_cost=1M")))
    running.send(
        {"envelope_id": "env-1", "type": "slash_commands", "payload": payload, "accepts_response_payload": True}
    )
    ack = running.wait_ack("env-1")
    assert ack and ack["payload"]["response_type"] == "ephemeral" and "5.0x" in json.dumps(ack["payload"]["blocks"])

    # An event envelope is acked, then answered in the thread; its retry is acked and not answered again.
    body = json.loads(event_callback(mention("budget", ts="1700000300.000100"), event_id="EvSocket1"))
    envelope = {"type": "events_api", "payload": body, "accepts_response_payload": False}
    running.send({**envelope, "envelope_id": "env-2", "retry_attempt": 0, "retry_reason": ""})
    assert running.wait_ack("env-2")
    [post] = fake_slack.wait_for("chat.postMessage")
    assert post["thread_ts"] == "1700000300.000100"
    running.send({**envelope, "envelope_id": "env-3", "retry_attempt": 1, "retry_reason": "timeout"})
    assert running.wait_ack("env-3")
    assert len(fake_slack.wait_for("chat.postMessage", count=2, timeout=0.5)) == 1


@pytest.mark.parametrize("break_connection", ["drop", "go_silent"], ids=["closed-without-close-frame", "gone-silent"])
def test_a_dead_connection_is_replaced_and_the_new_one_answers(running, fake_slack, break_connection):
    """The client notices the dead connection by its unanswered pings, opens a new one, and answers on it."""
    getattr(running, break_connection)()
    assert running.wait_connections(2, timeout=RECONNECT_WITHIN)
    opens = [c for c in fake_slack.calls if c["method"] == "apps.connections.open"]
    assert len(opens) == 2  # a fresh URL was asked for, with the app-level token
    body = json.loads(event_callback(mention("budget", ts="1700000400.000100"), event_id="EvAfterReconnect"))
    running.send({"envelope_id": "env-new", "type": "events_api", "payload": body, "accepts_response_payload": False})
    assert running.wait_ack("env-new")
    [post] = fake_slack.wait_for("chat.postMessage")
    assert post["thread_ts"] == "1700000400.000100"
