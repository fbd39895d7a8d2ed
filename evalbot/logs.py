"""Structured logging: one JSON object a line on stderr, never a secret.

Every line carries `time`, `level`, `logger` and `message`, plus any `extra`
fields the caller passed (`request_id`, `reference`, `event_id`, ...) and a
`traceback` when an exception is logged. The request id of the delivery being
handled is added automatically inside `request_scope(...)`, and any other fields
of the delivery (its `event_id`) inside `log_fields(...)`.

Secrets are redacted from every part of a line, the traceback and the extras
included: anything shaped like a Slack token (`xoxb-`, `xoxp-`, `xapp-`,
`xoxe.`...) and the literal values of the configured secrets (by default the
`SLACK_*` secrets in the environment).
"""

import contextlib
import json
import logging
import os
import re
import sys
import time
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from typing import Any

from evalbot.log_queue import QueuedStreamHandler

# Slack tokens: xoxb-, xoxp-, xoxa-, xoxo-, xoxs-, xoxr-, xoxe- / xoxe.xoxb- (rotating), xapp-.
# No leading \b: `token_xoxb-...` must be caught too. `%2D`/`%2E` are URL-encoded `-`/`.`.
_SECRET = re.compile(r"(?:xox[a-z]|xapp)(?:[.-]|%2[de])[A-Za-z0-9%._-]*", re.IGNORECASE)
_REDACTED = "[redacted]"
# Environment variables whose values are secrets, redacted wherever they appear.
SECRET_ENV_VARS = ("SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_CLIENT_SECRET",
                   "EVALBOT_TOKEN_KEY")
# Shorter "secrets" are not redacted literally: replacing every "abc" would wreck the logs.
MIN_SECRET_LENGTH = 6

_request_id: ContextVar[str | None] = ContextVar("evalbot_request_id", default=None)
_fields: ContextVar[dict[str, Any] | None] = ContextVar("evalbot_log_fields", default=None)
# Attributes every LogRecord has; anything else on a record came from `extra`.
_RECORD_ATTRS = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """Replace Slack tokens and each of `secrets` in `text` with `[redacted]`."""
    return _redactor(tuple(secrets)).sub(_REDACTED, text)


def _literal_secrets(secrets: tuple[str, ...]) -> list[str]:
    """The secrets redacted literally, longest first."""
    return sorted({s for s in secrets if s and len(s) >= MIN_SECRET_LENGTH}, key=len, reverse=True)


def _redactor(secrets: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for token shapes and the literal secrets (longest first), so a string is scanned once."""
    literals = _literal_secrets(secrets)
    token = f"(?i:{_SECRET.pattern})"
    return re.compile("|".join([*(re.escape(s) for s in literals), token]))


def secrets_from_env(environ: dict[str, str] | None = None) -> tuple[str, ...]:
    """The values of `SECRET_ENV_VARS` that are set."""
    env = os.environ if environ is None else environ
    return tuple(value for name in SECRET_ENV_VARS if (value := env.get(name)))


def secrets_of(settings: Any) -> tuple[str, ...]:
    """The secret values held by a `Settings` (or any object with the same attributes)."""
    names = [name.lower() for name in SECRET_ENV_VARS]
    return tuple(value for name in names if isinstance(value := getattr(settings, name, None), str) and value)


@contextlib.contextmanager
def request_scope(request_id: str) -> Iterator[None]:
    """Tag every log line written inside the block (same thread or task) with `request_id`."""
    token = _request_id.set(request_id)
    try:
        yield
    finally:
        _request_id.reset(token)


@contextlib.contextmanager
def log_fields(**fields: Any) -> Iterator[None]:
    """Add `fields` (those not None) to every log line written inside the block (same thread or task,
    and the listener threads started from it)."""
    token = _fields.set({**(_fields.get() or {}), **{k: v for k, v in fields.items() if v is not None}})
    try:
        yield
    finally:
        _fields.reset(token)


def current_request_id() -> str | None:
    """The request id set by the innermost `request_scope`, if any."""
    return _request_id.get()


class JsonFormatter(logging.Formatter):
    """Formats a record as one line of JSON with its extras; redacts secrets everywhere.

    Args:
        secrets: literal values to redact besides token-shaped strings.
    """

    def __init__(self, *, secrets: Iterable[str] = ()):
        super().__init__()
        secrets = tuple(secrets)
        self._pattern = _redactor(secrets)
        self._literals = _literal_secrets(secrets)
        # A secret inside a value appears in the JSON line in its JSON-escaped form.
        self._line_literals = sorted({json.dumps(s)[1:-1] for s in self._literals} | set(self._literals))
        self._second: tuple[int | None, str] = (None, "")  # the last second formatted, and its text

    def _timestamp(self, record: logging.LogRecord) -> str:
        second = int(record.created)
        cached = self._second
        if cached[0] != second:
            cached = self._second = (second, time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(second)))
        return f"{cached[1]}.{int(record.msecs):03d}Z"

    def _redact(self, text: str) -> str:
        """`text` with tokens and secrets redacted; the pattern only runs when one of them may be there.

        A token starts with `xox` or `xapp` (in any case), and a secret is matched exactly,
        so a string holding neither is returned as it is, exactly as the pattern would.
        """
        low = text.lower()
        if "xox" in low or "xapp" in low or any(secret in text for secret in self._literals):
            return self._pattern.sub(_REDACTED, text)
        return text

    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, Any] = {
            "time": self._timestamp(record),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = current_request_id()
        if request_id is not None:
            payload["request_id"] = request_id
        scoped = _fields.get()
        if scoped:
            payload.update(scoped)
        attributes = vars(record)
        for key in attributes.keys() - _RECORD_ATTRS:
            if not key.startswith("_"):
                payload[key] = attributes[key]
        if record.exc_info:
            payload["traceback"] = self.formatException(record.exc_info)
        elif record.exc_text:
            payload["traceback"] = record.exc_text
        if record.stack_info:
            payload["stack"] = self.formatStack(record.stack_info)
        # Most lines hold no secret: dump them as they are and check the whole line once. Only a
        # line that may hold one is rebuilt with every string redacted (the same text otherwise).
        try:
            line = json.dumps(payload, default=self._plain)
        except (ValueError, RecursionError):  # a circular or absurdly deep extra
            line = None
        if line is None or self._may_hold_secret(line):
            # Top-level keys are fixed names or `extra` attribute names; the last pass below covers them anyway.
            scrub = self._scrub
            line = json.dumps({key: scrub(value) for key, value in payload.items()})
        # Belt and braces: nothing token-shaped survives, even if it came through an odd type.
        low = line.lower()
        return _SECRET.sub(_REDACTED, line) if "xox" in low or "xapp" in low else line

    def _may_hold_secret(self, line: str) -> bool:
        low = line.lower()
        return "xox" in low or "xapp" in low or any(secret in line for secret in self._line_literals)

    @staticmethod
    def _plain(value: Any) -> Any:
        """What `json.dumps` cannot write, as `_scrub` writes it: sets as lists, the rest as str()."""
        if isinstance(value, set | frozenset):
            return list(value)
        try:
            return str(value)
        except Exception:  # noqa: BLE001 - a broken __str__ must not lose the log line
            return f"<unprintable {type(value).__name__}>"

    def _scrub(self, value: Any, depth: int = 0) -> Any:
        """Redact every string inside `value`; anything not JSON-native becomes its redacted str()."""
        if type(value) is str:
            return self._redact(value)
        if value is None or isinstance(value, bool | int | float):
            return value
        if isinstance(value, str):  # a str subclass
            return self._redact(str(value))
        if depth < 8 and isinstance(value, dict):
            return {self._scrub(str(k), depth + 1): self._scrub(v, depth + 1) for k, v in value.items()}
        if depth < 8 and isinstance(value, list | tuple | set | frozenset):
            return [self._scrub(v, depth + 1) for v in value]
        try:
            text = str(value)
        except Exception:  # noqa: BLE001 - a broken __str__ must not lose the log line
            text = f"<unprintable {type(value).__name__}>"
        return self._redact(text)


def configure_logging(level: str = "INFO", *, secrets: Iterable[str] | None = None, background: bool = False) -> None:
    """Send JSON logs to stderr at `level`, redacting tokens and secrets.

    Args:
        level: a logging level name.
        secrets: literal values to redact; by default the `SLACK_*` secrets in the environment.
            Pass `secrets_of(settings)` to cover secrets read from a `.env` file too.
        background: write from one background thread (`QueuedStreamHandler`), for servers
            whose many threads log at once; lines are still formatted where they are logged.
    """
    values = set(secrets_from_env()) | set(secrets or ())
    handler = QueuedStreamHandler(sys.stderr) if background else logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter(secrets=values))
    root = logging.getLogger()
    for old in root.handlers:
        if isinstance(old, QueuedStreamHandler):
            old.close()
    root.handlers[:] = [handler]
    root.setLevel(level)
