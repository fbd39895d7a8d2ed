"""Test doubles for Slack: a local fake Web API that records calls, signed deliveries, real-looking payloads."""

import hashlib
import hmac
import json
import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlencode

BOT_USER = "UBOT0001"
BOT_ID = "BBOT0001"
TEAM = "T0001"
SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
# A scripted response that closes the connection after reading the request, without answering.
HANG_UP = (0, {}, {})
TOKEN = "xoxb-1234-5678-abcdefghijklmnop"
TOKEN_KEY = "jKb5vTq3r0GkQ2kS8t1nqk4Zy9o6cX7vA3dW2eR1fHs="  # EVALBOT_TOKEN_KEY: a Fernet key made for the tests

_DEFAULTS = {
    "auth.test": {
        "ok": True,
        "url": "https://example.slack.com/",
        "team": "Example",
        "user": "evalbot",
        "team_id": TEAM,
        "user_id": BOT_USER,
        "bot_id": BOT_ID,
        "is_enterprise_install": False,
    },
    "chat.postMessage": {"ok": True, "channel": "C0001", "ts": "1700000000.000200", "message": {}},
}


class ChannelLimit:
    """Slack's per-channel posting limit: a burst, then about `per_second` messages a second; 429 with `Retry-After`."""

    def __init__(self, *, burst: int, per_second: float, retry_after: int = 1):
        self.burst, self.per_second, self.retry_after = burst, per_second, retry_after
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def allow(self, channel: str) -> bool:
        with self._lock:
            now = time.monotonic()
            tokens, updated = self._buckets.get(channel, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - updated) * self.per_second)
            allowed = tokens >= 1.0
            self._buckets[channel] = (tokens - 1.0 if allowed else tokens, now)
            return allowed


class FakeSlack:
    """A Web API on 127.0.0.1 recording every call; scripted failures and delays per method.

    `url` is the base for `WebClient(base_url=...)` / SLACK_API_URL; `response_url(name)` is a
    response URL it also records (as method `response_url:NAME`). `limit_channels` adds
    Slack's per-channel limit to `chat.postMessage`; `delay_channel` slows one channel's posts.
    Each recorded call has its `at` (monotonic seconds, when it was answered).
    """

    def __init__(self):
        self.calls: list[dict] = []
        self._lock = threading.Condition()
        self._scripted: dict[str, deque] = {}
        self._delays: dict[str, float] = {}
        self._channel_delays: dict[str, float] = {}
        self.channel_limit: ChannelLimit | None = None
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as Slack's API speaks it

            def log_message(self, *args):
                pass

            def do_POST(self):
                fake._handle(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}/api/"

    def response_url(self, name: str = "cmd") -> str:
        return f"http://127.0.0.1:{self.server.server_port}/respond/{name}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def script(self, method: str, *responses: tuple[int, dict, dict]) -> None:
        """Answer the next calls of `method` with (status, headers, body) in turn, then normally;
        `HANG_UP` closes the connection instead of answering."""
        self._scripted.setdefault(method, deque()).extend(responses)

    def delay(self, method: str, seconds: float) -> None:
        self._delays[method] = seconds

    def delay_channel(self, channel: str, seconds: float) -> None:
        """Every `chat.postMessage` to `channel` takes `seconds` to answer."""
        self._channel_delays[channel] = seconds

    def limit_channels(self, *, burst: int, per_second: float, retry_after: int = 1) -> None:
        self.channel_limit = ChannelLimit(burst=burst, per_second=per_second, retry_after=retry_after)

    def reset(self) -> None:
        with self._lock:
            self.calls.clear()
        self._scripted.clear()
        self._delays.clear()
        self._channel_delays.clear()
        self.channel_limit = None

    def posted(self) -> list[dict]:
        """The `chat.postMessage` calls Slack accepted (status 200, not rate limited)."""
        with self._lock:
            return [c["params"] for c in self.calls if c["method"] == "chat.postMessage" and c["status"] == 200]

    def wait_posted(self, count: int, timeout: float = 10.0) -> list[dict]:
        """Wait until `count` posts were accepted (or `timeout`); the accepted posts."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while len([c for c in self.calls if c["method"] == "chat.postMessage" and c["status"] == 200]) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._lock.wait(left)
        return self.posted()

    def peers_of(self, method: str) -> list[tuple]:
        """The client address of each call to `method`: one address per connection used."""
        with self._lock:
            return [c["peer"] for c in self.calls if c["method"] == method]

    def calls_to(self, method: str) -> list[dict]:
        with self._lock:
            return [c["params"] for c in self.calls if c["method"] == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[dict]:
        deadline = time.monotonic() + timeout
        with self._lock:
            while len([c for c in self.calls if c["method"] == method]) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._lock.wait(left)
        return self.calls_to(method)

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        raw = request.rfile.read(int(request.headers.get("Content-Length") or 0)).decode()
        if request.headers.get("Content-Type", "").startswith("application/json"):
            params = json.loads(raw or "{}")
        else:
            params = dict(parse_qsl(raw))
        path = request.path
        method = path.removeprefix("/api/") if path.startswith("/api/") else "response_url:" + path.rsplit("/", 1)[-1]
        time.sleep(self._delays.get(method, 0))
        channel = params.get("channel") if method == "chat.postMessage" else None
        time.sleep(self._channel_delays.get(channel, 0))
        scripted = self._scripted.get(method)
        status, headers, body = scripted.popleft() if scripted else (200, {}, None)
        limit = self.channel_limit
        if status == 200 and channel and limit is not None and not limit.allow(channel):
            status, headers, body = 429, {"Retry-After": str(limit.retry_after)}, {"ok": False, "error": "ratelimited"}
        if body is None:
            body = _DEFAULTS.get(method, {"ok": True}) if method.startswith(("auth", "chat", "views", "apps", "assistant")) else None
        data = b"ok" if body is None else json.dumps(body).encode()
        with self._lock:
            self.calls.append(
                {
                    "method": method,
                    "params": params,
                    "status": status,
                    "raw": raw,
                    "authorization": request.headers.get("Authorization", ""),
                    "peer": request.client_address,  # one per connection: shows reuse
                    "at": time.monotonic(),
                }
            )
            self._lock.notify_all()
        if status == HANG_UP[0]:
            request.close_connection = True
            return
        request.send_response(status)
        for name, value in headers.items():
            request.send_header(name, value)
        request.send_header("Content-Type", "application/json" if body is not None else "text/plain")
        request.send_header("Content-Length", str(len(data)))
        request.end_headers()
        request.wfile.write(data)


def signed_headers(
    body: str,
    *,
    secret: str = SECRET,
    timestamp: int | None = None,
    content_type: str = "application/json",
    extra: dict | None = None,
) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {
        "content-type": content_type,
        "x-slack-request-timestamp": ts,
        "x-slack-signature": f"v0={digest}",
        **(extra or {}),
    }


# ---- real-looking payloads (trimmed copies of what Slack sends) ----


def slash_command(text: str, *, user: str = "U0USER01", channel: str = "C0CHAN01", response_url: str = "") -> str:
    return urlencode(
        {
            "token": "gIkuvaNzQIHg97ATvDxqgjtO",
            "team_id": TEAM,
            "team_domain": "example",
            "channel_id": channel,
            "channel_name": "eval-leads",
            "user_id": user,
            "user_name": "ada",
            "command": "/evalbot",
            "text": text,
            "api_app_id": "A0EVALBOT",
            "is_enterprise_install": "false",
            "response_url": response_url or "https://hooks.slack.com/commands/T0001/1/abc",
            "trigger_id": "13345224609.738474920.8088930838d88f008e0",
        }
    )


def event_callback(event: dict, *, event_id: str = "Ev0001", event_time: int | None = None) -> str:
    return json.dumps(
        {
            "token": "XXYYZZ",
            "team_id": TEAM,
            "api_app_id": "A0EVALBOT",
            "event": event,
            "type": "event_callback",
            "event_id": event_id,
            "event_time": event_time or int(time.time()),
            "authorizations": [
                {
                    "enterprise_id": None,
                    "team_id": TEAM,
                    "user_id": BOT_USER,
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
            "is_ext_shared_channel": False,
            "event_context": "4-eyJldCI6ImFwcF9tZW50aW9uIn0",
        }
    )


def mention(
    text: str,
    *,
    user: str = "U0USER01",
    channel: str = "C0CHAN01",
    ts: str = "1700000001.000100",
    thread_ts: str | None = None,
    **extra,
) -> dict:
    event = {
        "type": "app_mention",
        "user": user,
        "text": f"<@{BOT_USER}> {text}",
        "ts": ts,
        "channel": channel,
        "event_ts": ts,
        "client_msg_id": "c1f0b3c6-0000-4000-8000-000000000001",
        "team": TEAM,
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return {**event, **extra}


def direct_message(
    text: str, *, user: str = "U0USER01", channel: str = "D0DM0001", ts: str = "1700000002.000100", **extra
) -> dict:
    event = {
        "type": "message",
        "channel": channel,
        "user": user,
        "text": text,
        "ts": ts,
        "event_ts": ts,
        "channel_type": "im",
        "client_msg_id": "c1f0b3c6-0000-4000-8000-000000000002",
        "team": TEAM,
    }
    return {**event, **extra}


def block_actions(
    action: dict,
    *,
    user: str = "U0USER01",
    container: dict | None = None,
    message: dict | None = None,
    channel: str | None = "C0CHAN01",
    response_url: str | None = None,
) -> str:
    payload = {
        "type": "block_actions",
        "user": {"id": user, "username": "ada", "team_id": TEAM},
        "api_app_id": "A0EVALBOT",
        "token": "XXYYZZ",
        "team": {"id": TEAM, "domain": "example"},
        "trigger_id": "12466734323.1395872398.bf5d1c8a",
        "actions": [{"block_id": "b1", "type": "button", "action_ts": "1700000003.1", **action}],
        "container": container
        or {"type": "message", "message_ts": "1700000001.000100", "channel_id": channel, "is_ephemeral": False},
    }
    if channel:
        payload["channel"] = {"id": channel, "name": "eval-leads"}
    if message is not None:
        payload["message"] = message
    if response_url:
        payload["response_url"] = response_url
    return urlencode({"payload": json.dumps(payload)})


def view_submission(values: dict[str, str], *, metadata: str = '{"calculator": "roi"}', user: str = "U0USER01") -> str:
    state = {f"field:{name}": {"value": {"type": "plain_text_input", "value": value}} for name, value in values.items()}
    payload = {
        "type": "view_submission",
        "team": {"id": TEAM, "domain": "example"},
        "user": {"id": user, "username": "ada", "team_id": TEAM},
        "api_app_id": "A0EVALBOT",
        "token": "XXYYZZ",
        "trigger_id": "12466734323.1395872398.bf5d1c8b",
        "view": {
            "id": "V0001",
            "team_id": TEAM,
            "type": "modal",
            "callback_id": "evalbot_calculator_form",
            "private_metadata": metadata,
            "state": {"values": state},
            "hash": "1700000004.abc",
            "app_id": "A0EVALBOT",
            "bot_id": BOT_ID,
        },
        "response_urls": [],
    }
    return urlencode({"payload": json.dumps(payload)})
