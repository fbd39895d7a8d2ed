"""Bounded retries for the Web API: 429 honouring `Retry-After`, 5xx with backoff, calls that never reached Slack.

A call whose connection broke *after* the request was sent (reset, closed, timed out
waiting for the answer) may have been carried out: Slack could have posted the message
and only the answer was lost. Such a call is sent again only when doing it twice does
no harm (`REPEATABLE_METHODS`); a `chat.postMessage` is never resent blindly, and the
failure is logged as one that may have gone through (`may_have_reached_slack`).
"""

import http.client
import random
import time
from urllib.error import URLError

from slack_sdk.http_retry import RetryHandler
from slack_sdk.http_retry.builtin_interval_calculators import BackoffRetryIntervalCalculator
from slack_sdk.http_retry.jitter import Jitter

# Never wait longer than this for one retry: past it the send fails, and is logged, rather than
# holding a worker (and a graceful shutdown) hostage to a long Retry-After.
MAX_RETRY_AFTER = 20.0
MAX_RETRIES = 2
# Methods whose second call, after a first that may have worked, changes nothing.
REPEATABLE_METHODS = frozenset({"auth.test", "chat.update", "views.publish", "views.update", "apps.connections.open"})


def may_have_reached_slack(error: BaseException) -> bool:
    """Whether a failed call may still have been carried out by Slack.

    urllib reports a failure to connect or to send (refused, unreachable, DNS, TLS, a
    connect timeout) as a `URLError`; anything raised while waiting for the answer
    (`RemoteDisconnected`, a reset, a read timeout) comes as it is, after the request went out.
    """
    if isinstance(error, URLError):
        return False
    return isinstance(error, OSError | http.client.HTTPException)


def _method(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


def retry_after(response) -> float | None:
    """Seconds from a response's `Retry-After` header (any case); None when absent or unreadable."""
    for name, values in (response.headers or {}).items():
        if name.lower() == "retry-after":
            try:
                return max(0.0, float(values[0] if isinstance(values, list) else values))
            except (TypeError, ValueError, IndexError):
                return None
    return None


class ConnectionRetryHandler(RetryHandler):
    """Retries once a call that never reached Slack; one that may have, only for a repeatable method."""

    def __init__(self, *, max_retry_count: int = 1):
        super().__init__(max_retry_count=max_retry_count)

    def _can_retry(self, *, state, request, response=None, error=None) -> bool:
        if error is None or response is not None or not isinstance(error, OSError | http.client.HTTPException):
            return False
        return not may_have_reached_slack(error) or _method(request.url) in REPEATABLE_METHODS


class RateLimitRetryHandler(RetryHandler):
    """Retries a 429 after its `Retry-After` (default 1 s), unless that is over `max_wait`."""

    def __init__(self, *, max_retry_count: int = MAX_RETRIES, max_wait: float = MAX_RETRY_AFTER):
        super().__init__(max_retry_count=max_retry_count)
        self.max_wait = max_wait

    def _can_retry(self, *, state, request, response=None, error=None) -> bool:
        if response is None or response.status_code != 429:
            return False
        wait = retry_after(response)
        return wait is None or wait <= self.max_wait

    def prepare_for_next_attempt(self, *, state, request, response=None, error=None) -> None:
        wait = retry_after(response) if response is not None else None
        time.sleep((1.0 if wait is None else wait) + random.uniform(0, 0.25))
        state.next_attempt_requested = True
        state.increment_current_attempt()


class ProportionalJitter(Jitter):
    """Up to a quarter of the wait again, so workers retrying together spread out."""

    def recalculate(self, duration: float) -> float:
        return duration * (1 + random.uniform(0, 0.25))


class ServerErrorRetryHandler(RetryHandler):
    """Retries any 5xx with exponential backoff (0.25 s, 0.5 s, ... plus jitter)."""

    def __init__(self, *, max_retry_count: int = MAX_RETRIES):
        backoff = BackoffRetryIntervalCalculator(backoff_factor=0.25, jitter=ProportionalJitter())
        super().__init__(max_retry_count=max_retry_count, interval_calculator=backoff)

    def _can_retry(self, *, state, request, response=None, error=None) -> bool:
        return response is not None and 500 <= response.status_code <= 599


def retry_handlers() -> list[RetryHandler]:
    """The retry policy every Slack client evalbot builds shares."""
    return [ConnectionRetryHandler(), RateLimitRetryHandler(), ServerErrorRetryHandler()]
