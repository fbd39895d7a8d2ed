"""The WSGI application gunicorn serves: a guard in front of Bolt's WSGI adapter.

- `GET /health` answers 200 with a small JSON body, without touching Slack or the
  database: the process is alive.
- `GET /ready` answers 200 when the state store answers a query, else 503: a load
  balancer stops sending deliveries to a host that could not keep their answers.
- With a multi-workspace install (OAuth), `GET /slack/install` and
  `GET /slack/oauth_redirect` are Bolt's OAuth flow (`evalbot.slack.transport.oauth`).
- `POST /slack/events` (events, interactivity and the slash command) is checked
  before Bolt sees it: a body over `MAX_BODY_BYTES` is refused with 413 before it
  is read; an unsigned, wrongly signed or stale request gets 401; a signed body
  that cannot be parsed (not UTF-8, not JSON / form data, not an object) gets 400.
  Bolt alone would answer such a body with a 500 or a dropped connection.
- A client that stops sending its body for `BODY_IDLE_SECONDS` (a slow or idle
  client holding a worker thread) gets 408 and its connection is closed.
- Every delivery runs inside a request id (and an Events API delivery inside its
  `event_id`) that tags its log lines, the listener threads Bolt starts after the
  ack included.

The guard hands Bolt the body it has already verified and parsed (Bolt's own WSGI
adapter would read and parse it again); `serve --http` builds the app with Bolt's
signature check off, since every request reaching it passed the guard's.
"""

import contextlib
import hashlib
import hmac
import json
import logging
import socket
import time
from http import HTTPStatus

from slack_bolt import App, BoltRequest, BoltResponse

from evalbot.logs import log_fields, request_scope
from evalbot.slack.transport.middleware import new_request_id
from evalbot.slack.payloads import parse_payload
from evalbot.core.safe_answer import new_reference

log = logging.getLogger(__name__)

# Slack's payloads are a few kilobytes (a 40,000-character message is ~160 kB as
# escaped JSON); 1 MiB leaves room and stops anyone streaming megabytes at a worker.
MAX_BODY_BYTES = 1024 * 1024
# Slack sends a body right behind its headers: a pause this long means a slow or idle
# client, which would otherwise hold one of the worker's threads for as long as it likes.
BODY_IDLE_SECONDS = 2.0
EVENTS_PATH = "/slack/events"
MAX_CLOCK_SKEW = 5 * 60  # seconds, as Slack's own verification allows
HEALTH_PATH = "/health"
READY_PATH = "/ready"
_STATUS_LINES = {status.value: f"{status.value} {status.phrase}" for status in HTTPStatus}


def _reply(start_response, status: str, payload: dict, extra: tuple = ()) -> list[bytes]:
    data = json.dumps(payload).encode()
    start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(data))), *extra])
    return [data]


def _headers(environ: dict) -> dict[str, str]:
    headers = {key[5:].replace("_", "-").lower(): value for key, value in environ.items() if key.startswith("HTTP_")}
    if environ.get("CONTENT_TYPE"):
        headers["content-type"] = environ["CONTENT_TYPE"]
    return headers


class SlackWsgiApp:
    """`POST /slack/events`, `GET /health`, `GET /ready` (and the OAuth flow's pages) in front of a Bolt app."""

    def __init__(self, *, app: App, signing_secret: str, max_body_bytes: int = MAX_BODY_BYTES):
        self.app = app
        self.secret = signing_secret.encode()
        self.max_body_bytes = max_body_bytes

    def __call__(self, environ: dict, start_response) -> list[bytes]:
        with request_scope(new_request_id()):
            started = time.perf_counter()
            status: list[str] = []

            def recording_start_response(code, headers, exc_info=None):
                status.append(code)
                return start_response(code, headers, exc_info) if exc_info else start_response(code, headers)

            result = self._route(environ, recording_start_response)
            if environ.get("PATH_INFO") not in (HEALTH_PATH, READY_PATH):
                log.info(
                    "delivery %s",
                    status[0] if status else "?",
                    extra={
                        "status": int(status[0][:3]) if status else None,
                        "elapsed_ms": round((time.perf_counter() - started) * 1000, 1),
                        "retry_num": environ.get("HTTP_X_SLACK_RETRY_NUM"),
                    },
                )
            return result

    def _route(self, environ: dict, start_response) -> list[bytes]:
        path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "GET")
        if path == HEALTH_PATH and method in ("GET", "HEAD"):
            return _reply(start_response, "200 OK", {"status": "ok"})
        if path == READY_PATH and method in ("GET", "HEAD"):
            if self.app.deps.store.ping():
                return _reply(start_response, "200 OK", {"status": "ready", "database": "reachable"})
            return _reply(start_response, "503 Service Unavailable", {"status": "not ready", "database": "unreachable"})
        flow = self.app.oauth_flow
        if flow is not None and path in (flow.install_path, flow.redirect_uri_path):
            if method != "GET":
                return _reply(start_response, "405 Method Not Allowed", {"error": "use GET"}, (("Allow", "GET"),))
            request = BoltRequest(body="", query=environ.get("QUERY_STRING", ""), headers=_headers(environ))
            handle = flow.handle_installation if path == flow.install_path else flow.handle_callback
            return _respond(start_response, handle(request))
        if path != EVENTS_PATH:
            return _reply(start_response, "404 Not Found", {"error": "not found"})
        if method != "POST":
            return _reply(start_response, "405 Method Not Allowed", {"error": "use POST"}, (("Allow", "POST"),))
        try:
            body = self._read(environ)
        except TimeoutError:
            log.info("a client stopped sending its request body; closed", extra={"path": path})
            return _reply(start_response, "408 Request Timeout", {"error": "request body not sent in time"})
        if body is None:
            return _reply(start_response, "413 Content Too Large", {"error": f"body over {self.max_body_bytes} bytes"})
        headers = _headers(environ)
        if not self._signed(body, headers):
            return _reply(start_response, "401 Unauthorized", {"error": "invalid request signature"})
        payload, problem = parse_payload(body, headers.get("content-type"))
        if payload is None:
            log.warning("malformed signed request: %s", problem)
            return _reply(start_response, "400 Bad Request", {"error": problem})
        if not environ.get("SERVER_PROTOCOL", "").startswith("HTTP"):
            return _reply(start_response, "400 Bad Request", {"error": "not an HTTP request"})  # as Bolt's adapter
        try:
            with log_fields(event_id=payload.get("event_id")):  # the listener threads inherit it
                return _respond(start_response, self.app.dispatch(_bolt_request(body, payload, headers, environ)))
        except Exception:  # noqa: BLE001 - logged with a reference; the worker carries on
            reference = new_reference()
            log.exception("Bolt failed on a delivery", extra={"reference": reference})
            return _reply(
                start_response, "500 Internal Server Error", {"error": "internal error", "reference": reference}
            )

    def _read(self, environ: dict) -> bytes | None:
        """The body, or None when it is larger than the limit (never reading past limit + 1).

        Raises:
            TimeoutError: the client sent nothing for `BODY_IDLE_SECONDS`; its connection is shut for reading,
                so the server closes it after the 408 instead of waiting for more.
        """
        try:
            declared = int(environ.get("CONTENT_LENGTH") or -1)
        except ValueError:
            declared = -1
        if declared > self.max_body_bytes:
            return None
        stream, connection = environ["wsgi.input"], environ.get("gunicorn.socket")
        if isinstance(connection, socket.socket):
            connection.settimeout(BODY_IDLE_SECONDS)  # gunicorn sets it back to blocking for the next request
        try:
            body = stream.read(declared) if declared >= 0 else stream.read(self.max_body_bytes + 1)
        except TimeoutError:
            if isinstance(connection, socket.socket):
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RD)
            raise
        return None if len(body) > self.max_body_bytes else body

    def _signed(self, body: bytes, headers: dict[str, str]) -> bool:
        """Slack's v0 signature over the raw bytes, from the last five minutes."""
        timestamp, signature = headers.get("x-slack-request-timestamp", ""), headers.get("x-slack-signature", "")
        if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > MAX_CLOCK_SKEW or not signature:
            return False
        expected = hmac.new(self.secret, b"v0:" + timestamp.encode() + b":" + body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(f"v0={expected}", signature)


def _bolt_request(body: bytes, payload: dict, headers: dict[str, str], environ: dict) -> BoltRequest:
    """What Bolt's WSGI adapter would build, without parsing the body a second time.

    Bolt takes a parsed body only outside HTTP mode, so the request is built that way
    and then given its raw body and mode back (Bolt's signature check reads both).
    """
    request = BoltRequest(body=payload, query=environ.get("QUERY_STRING", ""), headers=headers, mode="socket_mode")
    request.raw_body, request.mode = body.decode("utf-8"), "http"
    return request


def _respond(start_response, response: BoltResponse) -> list[bytes]:
    """A `BoltResponse` as WSGI, as Bolt's adapter writes it."""
    data = (response.body or "").encode("utf-8")
    headers = [
        (name, value)
        for name, values in response.headers.items()
        if name.lower() != "content-length"
        for value in values
    ]
    headers.append(("content-length", str(len(data))))
    start_response(_STATUS_LINES.get(response.status) or f"{response.status} Unknown", headers)
    return [data]
