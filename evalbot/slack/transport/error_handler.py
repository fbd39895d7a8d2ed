"""The global Bolt error handler: the user gets a short apology with a reference; the log gets the traceback."""

import json
import logging

from slack_bolt import BoltResponse

from evalbot.core.safe_answer import apology, new_reference
from evalbot.rendering.block_kit import message as message_of
from evalbot.slack.transport.delivery import post_message, respond
from evalbot.slack.transport.filters import from_a_person

log = logging.getLogger(__name__)


def _notify(client, body: dict, message: dict, *, bot_user_id: str | None) -> None:
    """Best effort: tell the person who triggered the failure, where they are."""
    event = body.get("event")
    user_field = body.get("user")
    user = body.get("user_id") or (user_field.get("id") if isinstance(user_field, dict) else None)
    if isinstance(body.get("response_url"), str):
        respond(body["response_url"], message, response_type="ephemeral", replace_original=False)
    elif isinstance(event, dict):
        # Only a person's message is answered, even with an apology: never feed a bot loop.
        if event.get("type") in ("app_mention", "message") and from_a_person(event, bot_user_id=bot_user_id):
            thread = event.get("thread_ts") or (event.get("ts") if event.get("type") == "app_mention" else None)
            post_message(client, channel=event["channel"], thread_ts=thread, message=message)
    elif isinstance(user, str) and user:
        post_message(client, channel=user, message=message)


def log_unexpected(error: BaseException) -> str:
    """Log `error`'s traceback under a new reference; the reference, for the apology to quote."""
    reference = new_reference()
    log.error(
        "unexpected error handling a Slack delivery: %s",
        type(error).__name__,
        exc_info=(type(error), error, error.__traceback__),
        extra={"reference": reference},
    )
    return reference


def handle_unexpected_error(
    error: Exception, body: dict, response: BoltResponse | None, client, context
) -> BoltResponse | None:
    """Log the traceback under a new reference, and apologise to the user quoting it."""
    reference = log_unexpected(error)
    message = message_of(apology(reference))
    body = body if isinstance(body, dict) else {}
    if response is not None and body.get("command"):
        # Not acknowledged yet: the apology is the slash command's answer.
        return BoltResponse(
            status=200,
            body=json.dumps({"response_type": "ephemeral", **message}),
            headers={"content-type": "application/json;charset=utf-8"},
        )
    if client is not None:
        _notify(client, body, message, bot_user_id=context.get("bot_user_id") if context else None)
    if response is not None and body.get("type") == "view_submission":
        return BoltResponse(status=200, body="")  # close the form; the apology went to the user's DM
    return None
