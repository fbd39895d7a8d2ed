"""Sending to Slack. A send that fails is logged with a reference id and reported as False; it never raises."""

import http.client
import logging
from collections.abc import Callable
from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackClientError

from evalbot.core.safe_answer import new_reference
from evalbot.slack.transport.web import describe_failure, failure_of, webhook

log = logging.getLogger(__name__)
SEND_ERRORS = (SlackClientError, URLError, OSError, http.client.HTTPException, ValueError)


def _failed(what: str, error: Exception, **where: str | None) -> None:
    """One line saying what failed, where (`channel`...; the delivery's `event_id` comes with the log scope),
    with the HTTP status, Slack's error and the connection's reason: an expected failure, so no traceback."""
    failure = failure_of(error)
    place = "".join(f" {name}={value}" for name, value in where.items() if value)
    log.error(
        "could not %s%s: %s",
        what,
        place,
        describe_failure(failure),
        extra={"reference": new_reference(), **where, **failure},
    )


def _send(what: str, call: Callable[[], object], **where: str | None) -> bool:
    """Make one Web API call; True when it went through, else False with the failure logged."""
    try:
        call()
        return True
    except SEND_ERRORS as e:
        _failed(what, e, **where)
        return False


def post_message(client: WebClient, *, channel: str, message: dict, thread_ts: str | None = None) -> bool:
    """`chat.postMessage` of `message` (`text` + `blocks`), in a thread when `thread_ts` is given."""
    return _send(
        "post a message",
        lambda: client.chat_postMessage(channel=channel, thread_ts=thread_ts, unfurl_links=False, **message),
        channel=channel,
    )


def update_message(client: WebClient, *, channel: str, ts: str, message: dict) -> bool:
    return _send("update a message", lambda: client.chat_update(channel=channel, ts=ts, **message), channel=channel)


def respond(url: str, message: dict, **options: object) -> bool:
    """Post to a `response_url` (`response_type`, `replace_original`, ... in `options`)."""
    try:
        response = webhook(url).send_dict({**message, **options})
    except SEND_ERRORS as e:
        _failed("answer a response_url", e)
        return False
    if response.status_code != 200:
        log.error(
            "could not answer a response_url: HTTP %s, %s",
            response.status_code,
            response.body,
            extra={"reference": new_reference(), "http_status": response.status_code, "slack_error": response.body},
        )
        return False
    return True


def open_view(client: WebClient, *, trigger_id: str, view: dict) -> bool:
    return _send("open a modal", lambda: client.views_open(trigger_id=trigger_id, view=view))


def publish_home(client: WebClient, *, user_id: str, view: dict) -> bool:
    # No user id in the line: logs never carry one (the delivery's request_id and event_id come with it).
    return _send("publish the Home tab", lambda: client.views_publish(user_id=user_id, view=view))
