"""Clients for talking to Slack (the Web API at SLACK_API_URL, and response URLs), and how their failures read."""

import logging
from urllib.error import HTTPError, URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient

from evalbot.config import Settings
from evalbot.slack.transport.retries import may_have_reached_slack, retry_handlers

TIMEOUT_SECONDS = 10
# slack_sdk's logger for our clients (Bolt's per-request clients reuse it).
WEB_API_LOGGER = "evalbot.slack.web_api"


class _ReportedByCaller(logging.Filter):
    """slack_sdk logs every failed call at ERROR before raising it; the caller's own line (`delivery`) says
    where and why in one line, so the first would only double it."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Failed to send a request to Slack API server")


def build_web_client(settings: Settings) -> WebClient:
    """The bot's Web API client, with bounded retries for 429s, 5xx and calls that never reached Slack.

    Installed per workspace (`settings.oauth`), it has no token of its own: Bolt gives each
    delivery a client with its workspace's token, and the OAuth flow calls `oauth.v2.access`
    through this one (so SLACK_API_URL applies there too).
    """
    logger = logging.getLogger(WEB_API_LOGGER)
    if not any(isinstance(f, _ReportedByCaller) for f in logger.filters):
        logger.addFilter(_ReportedByCaller())
    return WebClient(
        token=None if settings.oauth else settings.slack_bot_token,
        logger=logger,
        base_url=settings.slack_api_url,
        timeout=TIMEOUT_SECONDS,
        retry_handlers=retry_handlers(),
    )


def webhook(url: str) -> WebhookClient:
    """A client for one `response_url`, with the same retry policy."""
    return WebhookClient(url=url, timeout=TIMEOUT_SECONDS, retry_handlers=retry_handlers())


def failure_of(error: BaseException) -> dict[str, object]:
    """What a failed call's log line needs: `http_status`, Slack's `slack_error`, the connection's `reason`,
    and `may_have_gone_through` when the connection broke after the request went out (it was not resent)."""
    if isinstance(error, SlackApiError):
        return {"http_status": error.response.status_code, "slack_error": error.response.get("error")}
    if isinstance(error, HTTPError):
        return {"http_status": error.code, "slack_error": None}
    if isinstance(error, URLError):
        reason = error.reason
        text = f"{type(reason).__name__}: {reason}" if isinstance(reason, BaseException) else str(reason)
        return {"http_status": None, "slack_error": None, "reason": text}
    return {
        "http_status": None,
        "slack_error": None,
        "reason": f"{type(error).__name__}: {error}" if str(error) else type(error).__name__,
        "may_have_gone_through": may_have_reached_slack(error),
    }


def describe_failure(failure: dict[str, object]) -> str:
    """`failure_of(...)` in a few words: "HTTP 429, ratelimited", "ConnectionRefusedError: [Errno 111] ..."."""
    parts = [f"HTTP {failure['http_status']}" if failure.get("http_status") else None, failure.get("slack_error")]
    parts.append(failure.get("reason"))
    if failure.get("may_have_gone_through"):
        parts.append("the connection broke after the request went out, so Slack may have carried it out;"
                     " not sent again unless safe to repeat")
    return ", ".join(str(part) for part in parts if part)
