"""Structured logging: one JSON object a line on stderr, never a secret."""

import json
import logging
import re
import sys

# Slack tokens (xoxb-, xoxp-, xapp-, ...) and anything labelled as a secret.
_SECRET = re.compile(r"\b(xox[abposr]|xapp)-[A-Za-z0-9-]+")
_REDACTED = "[redacted]"


def redact(text: str, secrets: tuple[str, ...] = ()) -> str:
    text = _SECRET.sub(_REDACTED, text)
    for secret in secrets:
        if secret:
            text = text.replace(secret, _REDACTED)
    return text


class JsonFormatter(logging.Formatter):
    """Formats records as JSON with any `request_id`/`reference` extras; redacts secrets."""

    def __init__(self, *, secrets: tuple[str, ...] = ()):
        super().__init__()
        self._secrets = secrets

    def format(self, record: logging.LogRecord) -> str:
        payload = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key in ("request_id", "reference", "event_id", "user", "intent", "elapsed_ms"):
            if hasattr(record, key):
                payload[key] = getattr(record, key)
        if record.exc_info:
            payload["traceback"] = self.formatException(record.exc_info)
        return redact(json.dumps(payload, default=str), self._secrets)


def configure_logging(level: str = "INFO", *, secrets: tuple[str, ...] = ()) -> None:
    """Send JSON logs to stderr at `level`, redacting tokens and the given secrets."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter(secrets=secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
