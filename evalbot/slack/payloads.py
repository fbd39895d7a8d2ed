"""Is a signed body something Bolt can parse? One reason why not, or None."""

import json
from urllib.parse import parse_qsl

# Keys that, when present, must have these types for Bolt to route the payload.
_SHAPES = {
    "type": str,
    "event": dict,
    "event_id": str,
    "command": str,
    "text": str,
    "user": dict,
    "user_id": str,
    "actions": list,
    "view": dict,
    "channel": dict,
    "container": dict,
    "team": (dict, str),
    "team_id": str,
    "response_url": str,
    "trigger_id": str,
    "challenge": str,
    "api_app_id": str,
    "authorizations": list,
    "enterprise": (dict, str),
}
# Lists whose items Bolt reads as objects.
_LISTS_OF_OBJECTS = ("actions", "authorizations")
# Keys Bolt reads as `body.get(key, {}).get(...)`: present means an object, never null.
_OBJECTS = ("event", "view")
_EVENT_SHAPES = {
    "type": str,
    "user": str,
    "text": str,
    "channel": str,
    "ts": str,
    "thread_ts": str,
    "subtype": str,
    "channel_type": str,
    "tab": str,
}


def _parse(text: str, content_type: str | None) -> object:
    """Parse exactly as Bolt does (`slack_bolt.request.internals.parse_body`)."""
    if not text:
        return {}
    if content_type == "application/json" or text.startswith("{"):
        return json.loads(text)
    params = dict(parse_qsl(text, keep_blank_values=True))
    if "payload" in text:
        return json.loads(params["payload"]) if "payload" in params else {}
    return params


def _shape_problem(payload: dict, shapes: dict, where: str) -> str | None:
    for key, kind in shapes.items():
        if key in payload and payload[key] is not None and not isinstance(payload[key], kind):
            return f"`{where}{key}` has the wrong type"
    return None


def parse_payload(body: bytes, content_type: str | None) -> tuple[dict, None] | tuple[None, str]:
    """`(payload, None)`: `body` parsed as Bolt parses it, and shaped as Bolt expects; else `(None, why not)`."""
    try:
        payload = _parse(body.decode("utf-8"), (content_type or "").split(";")[0].strip() or None)
    except UnicodeDecodeError:
        return None, "body is not UTF-8"
    except (ValueError, RecursionError):
        return None, "body is neither JSON nor form data"
    if not isinstance(payload, dict):
        return None, "payload is not an object"
    if any(key in payload and not isinstance(payload[key], dict) for key in _OBJECTS):
        return None, "`event` and `view` must be objects"
    problem = _shape_problem(payload, _SHAPES, "")
    if problem is None and isinstance(payload.get("event"), dict):
        problem = _shape_problem(payload["event"], _EVENT_SHAPES, "event.")
    for key in _LISTS_OF_OBJECTS:
        if (
            problem is None
            and isinstance(payload.get(key), list)
            and not all(isinstance(a, dict) for a in payload[key])
        ):
            problem = f"`{key}` must hold objects"
    return (None, problem) if problem else (payload, None)
