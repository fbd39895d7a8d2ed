"""Sending to Slack. A send that fails is logged with a reference id and reported as False; it never raises."""

import logging
from collections.abc import Callable
from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from evalbot.core.safe_answer import new_reference
from evalbot.slack.web import webhook

log = logging.getLogger(__name__)
SEND_ERRORS = (SlackClientError, URLError, OSError, ValueError)


def _failed(what: str, error: Exception) -> None:
    code = error.response.get("error") if isinstance(error, SlackApiError) else type(error).__name__
    log.error("could not %s: %s", what, code, exc_info=error, extra={"reference": new_reference(), "slack_error": code})


def _send(what: str, call: Callable[[], object]) -> bool:
    """Make one Web API call; True when it went through, else False with the failure logged."""
    try:
        call()
        return True
    except SEND_ERRORS as e:
        _failed(what, e)
        return False


def post_message(client: WebClient, *, channel: str, message: dict, thread_ts: str | None = None) -> bool:
    """`chat.postMessage` of `message` (`text` + `blocks`), in a thread when `thread_ts` is given."""
    return _send(
        "post a message",
        lambda: client.chat_postMessage(channel=channel, thread_ts=thread_ts, unfurl_links=False, **message),
    )


def update_message(client: WebClient, *, channel: str, ts: str, message: dict) -> bool:
    return _send("update a message", lambda: client.chat_update(channel=channel, ts=ts, **message))


def respond(url: str, message: dict, **options: object) -> bool:
    """Post to a `response_url` (`response_type`, `replace_original`, ... in `options`)."""
    try:
        response = webhook(url).send_dict({**message, **options})
    except SEND_ERRORS as e:
        _failed("answer a response_url", e)
        return False
    if response.status_code != 200:
        log.error(
            "could not answer a response_url: HTTP %s",
            response.status_code,
            extra={"reference": new_reference(), "slack_error": response.body},
        )
        return False
    return True


def open_view(client: WebClient, *, trigger_id: str, view: dict) -> bool:
    return _send("open a modal", lambda: client.views_open(trigger_id=trigger_id, view=view))


def publish_home(client: WebClient, *, user_id: str, view: dict) -> bool:
    return _send("publish the Home tab", lambda: client.views_publish(user_id=user_id, view=view))
