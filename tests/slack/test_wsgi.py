"""The HTTP front: health, signatures (401), url_verification, oversized (413) and malformed (400) bodies."""

import io
import json
import os
import time
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from slack_fakes import SECRET, event_callback, mention, signed_headers, slash_command
from slack_harness import make_app

from evalbot.slack.app import drain
from evalbot.slack.transport.wsgi import MAX_BODY_BYTES, SlackWsgiApp


class Client:
    def __init__(self, wsgi):
        self.wsgi = wsgi

    def request(
        self, method: str, path: str, body: bytes = b"", headers: dict | None = None, declare_length: bool = True
    ):
        environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.input": io.BytesIO(body),
            "SERVER_NAME": "localhost",
            "SERVER_PORT": "3000",
        }
        if declare_length:
            environ["CONTENT_LENGTH"] = str(len(body))
        for name, value in (headers or {}).items():
            key = name.upper().replace("-", "_")
            environ["CONTENT_TYPE" if key == "CONTENT_TYPE" else f"HTTP_{key}"] = value
        captured = {}

        def start_response(status, response_headers, exc_info=None):
            captured["status"] = int(status[:3])

        data = b"".join(self.wsgi(environ, start_response))
        return captured["status"], data.decode()

    def signed(self, body: str, content_type: str = "application/json", **kwargs):
        return self.request(
            "POST", "/slack/events", body.encode(), signed_headers(body, content_type=content_type, **kwargs)
        )


@pytest.fixture()
def http(settings, brain):
    # As `evalbot serve --http` builds it: the guard verifies signatures, so Bolt does not again.
    bolt = make_app(settings, brain, verify_requests=False)
    yield Client(SlackWsgiApp(app=bolt, signing_secret=SECRET))
    drain(bolt)


def test_health(http):
    status, body = http.request("GET", "/health")
    assert status == 200 and json.loads(body)["status"] == "ok"


def test_unknown_path_and_method(http):
    assert http.request("GET", "/nope")[0] == 404
    assert http.request("GET", "/slack/events")[0] == 405


def test_url_verification(http):
    body = json.dumps(
        {"token": "x", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", "type": "url_verification"}
    )
    status, data = http.signed(body)
    assert status == 200 and "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" in data


def test_missing_bad_and_stale_signatures_get_401(http):
    body = event_callback(mention("budget"))
    assert http.request("POST", "/slack/events", body.encode(), {"content-type": "application/json"})[0] == 401
    assert http.signed(body, secret="not-the-secret")[0] == 401
    assert http.signed(body, timestamp=int(time.time()) - 6 * 60)[0] == 401
    assert http.signed(body, timestamp=int(time.time()) + 6 * 60)[0] == 401
    headers = signed_headers(body)
    headers["x-slack-request-timestamp"] = "not-a-number"
    assert http.request("POST", "/slack/events", body.encode(), headers)[0] == 401
    tampered = signed_headers(body)
    assert http.request("POST", "/slack/events", (body + " ").encode(), tampered)[0] == 401


def test_oversized_bodies_are_refused_before_reading(http):
    class Exploding(io.BytesIO):
        def read(self, *args):
            raise AssertionError("the body must not be read")

    environ_body = b"x" * (MAX_BODY_BYTES + 1)
    status, _ = http.request("POST", "/slack/events", environ_body, {"content-type": "application/json"})
    assert status == 413
    wsgi = http.wsgi
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/slack/events",
        "CONTENT_LENGTH": str(50 * MAX_BODY_BYTES),
        "wsgi.input": Exploding(),
    }
    statuses = []
    wsgi(environ, lambda status, headers, exc_info=None: statuses.append(status))
    assert statuses[0].startswith("413")


def test_oversized_body_without_a_length_is_cut_off(http):
    status, _ = http.request("POST", "/slack/events", b"{" * (MAX_BODY_BYTES + 10), declare_length=False)
    assert status == 413


MALFORMED = {
    "not json": ("{not json", "application/json"),
    "json array": ("[1, 2, 3]", "application/json"),
    "json string": ('"hello"', "application/json"),
    "payload not json": (urlencode({"payload": "{broken"}), "application/x-www-form-urlencoded"),
    "payload array": (urlencode({"payload": "[1]"}), "application/x-www-form-urlencoded"),
    "type not a string": (json.dumps({"type": ["event_callback"]}), "application/json"),
    "event not an object": (
        json.dumps({"type": "event_callback", "event": "boom", "event_id": "Ev9"}),
        "application/json",
    ),
    "event user not a string": (
        json.dumps({"type": "event_callback", "event_id": "Ev8", "event": {"type": "message", "user": {"id": 1}}}),
        "application/json",
    ),
    "actions not objects": (
        urlencode({"payload": json.dumps({"type": "block_actions", "actions": [1]})}),
        "application/x-www-form-urlencoded",
    ),
    "deeply nested": ("[" * 100_000 + "]" * 100_000, "application/json"),
}


@pytest.mark.parametrize("body,content_type", MALFORMED.values(), ids=MALFORMED.keys())
def test_signed_malformed_bodies_get_400(http, body, content_type):
    status, _ = http.signed(body, content_type=content_type)
    assert status == 400
    assert http.request("GET", "/health")[0] == 200  # and the server carries on


def test_invalid_utf8_gets_400(http):
    body = b'{"type": "\xff\xfe"}'
    headers = signed_headers(body.decode("latin-1"))
    # Sign the raw bytes, as Slack would.
    import hashlib
    import hmac

    ts = headers["x-slack-request-timestamp"]
    headers["x-slack-signature"] = (
        "v0=" + hmac.new(SECRET.encode(), f"v0:{ts}:".encode() + body, hashlib.sha256).hexdigest()
    )
    assert http.request("POST", "/slack/events", body, headers)[0] == 400


def test_bolt_still_verifies_signatures_without_the_guard(deliver):
    """`build_app` verifies by default: an app dispatched to directly (no guard in front) refuses a bad signature."""
    response = deliver(event_callback(mention("budget")), headers={"x-slack-signature": "v0=" + "0" * 64})
    assert response.status == 401


def test_slash_command_over_http(http):
    status, data = http.signed(
        slash_command("roi cost=2M incidents=10 incident_cost=1M"), content_type="application/x-www-form-urlencoded"
    )
    assert status == 200 and "5.0x" in data


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)
slack_keys = st.sampled_from(
    [
        "type",
        "event",
        "event_id",
        "command",
        "text",
        "user",
        "user_id",
        "actions",
        "view",
        "channel",
        "container",
        "team",
        "team_id",
        "response_url",
        "trigger_id",
        "challenge",
        "api_app_id",
        "authorizations",
        "enterprise",
        "is_enterprise_install",
        "token",
    ]
)
slack_types = st.sampled_from(
    [
        "event_callback",
        "block_actions",
        "view_submission",
        "url_verification",
        "shortcut",
        "message_action",
        "view_closed",
        "block_suggestion",
        "app_rate_limited",
    ]
)


@hsettings(
    max_examples=int(os.environ.get("EVALBOT_FUZZ_EXAMPLES", "100")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(payload=st.dictionaries(slack_keys, json_values | slack_types, max_size=8), as_form=st.booleans())
def test_fuzzed_signed_payloads_never_get_a_500(http, payload, as_form):
    body = urlencode({"payload": json.dumps(payload)}) if as_form else json.dumps(payload)
    status, _ = http.signed(body, content_type="application/x-www-form-urlencoded" if as_form else "application/json")
    assert status < 500


event_keys = st.sampled_from(
    [
        "type",
        "user",
        "text",
        "channel",
        "ts",
        "thread_ts",
        "subtype",
        "channel_type",
        "tab",
        "bot_id",
        "bot_profile",
        "edited",
        "hidden",
        "team",
        "blocks",
        "files",
        "message",
    ]
)
event_types = st.sampled_from(["app_mention", "message", "app_home_opened", "reaction_added", "member_joined_channel"])


@hsettings(
    max_examples=int(os.environ.get("EVALBOT_FUZZ_EXAMPLES", "100")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    event=st.dictionaries(event_keys, json_values | event_types, max_size=8),
    authorizations=st.lists(
        st.dictionaries(st.sampled_from(["user_id", "team_id", "is_bot", "enterprise_id"]), json_values, max_size=4),
        max_size=2,
    ),
    event_id=st.text(max_size=12),
)
def test_fuzzed_signed_events_never_get_a_500(http, event, authorizations, event_id):
    body = json.dumps(
        {
            "type": "event_callback",
            "team_id": "T0001",
            "event_id": event_id,
            "event": event,
            "authorizations": authorizations,
        }
    )
    assert http.signed(body)[0] < 500
