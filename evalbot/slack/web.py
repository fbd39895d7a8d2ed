"""Clients for talking to Slack: the Web API (base URL from SLACK_API_URL) and response URLs."""

from slack_sdk import WebClient
from slack_sdk.webhook import WebhookClient

from evalbot.config import Settings
from evalbot.slack.keep_alive import KeepAliveWebClient
from evalbot.slack.retries import retry_handlers

TIMEOUT_SECONDS = 10


def build_web_client(settings: Settings) -> WebClient:
    """The bot's Web API client: kept-alive connections, bounded retries for 429s, 5xx and dropped connections."""
    return KeepAliveWebClient(
        token=settings.slack_bot_token,
        base_url=settings.slack_api_url,
        timeout=TIMEOUT_SECONDS,
        retry_handlers=retry_handlers(),
    )


def webhook(url: str) -> WebhookClient:
    """A client for one `response_url`, with the same retry policy."""
    return WebhookClient(url=url, timeout=TIMEOUT_SECONDS, retry_handlers=retry_handlers())
