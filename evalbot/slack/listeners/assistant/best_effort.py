"""The agent surface's extras (status, title, prompts): helpful when they work, never in the way of the answer."""

import logging
from collections.abc import Callable

from slack_sdk.errors import SlackApiError

from evalbot.slack.transport.delivery import SEND_ERRORS

log = logging.getLogger(__name__)
ASSISTANT_SCOPE = "assistant:write"


def surface_allowed(context) -> bool:
    """False when the token's scopes are known and lack `assistant:write` (the surface is not set up)."""
    scopes = getattr(context.get("authorize_result"), "bot_scopes", None)
    return not scopes or ASSISTANT_SCOPE in scopes


def try_call(what: str, call: Callable[[], object]) -> bool:
    """Make one assistant API call; a failure (a DM thread that is no assistant thread) is logged, not raised."""
    try:
        call()
        return True
    except SlackApiError as e:
        reason = e.response.get("error")
    except SEND_ERRORS as e:
        reason = type(e).__name__
    log.info("could not %s: %s", what, reason, extra={"slack_error": reason})
    return False
