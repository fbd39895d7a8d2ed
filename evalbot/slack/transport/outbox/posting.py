"""Post one outbox answer and say what its outcome means: sent, wait and retry, given up, or unknown.

The client used here retries nothing itself: a 429 or a 5xx comes back as an outcome
and the outbox decides when to try again, so one slow channel never holds a thread
for its `Retry-After`. A request that went out and got no answer (the connection
broke or timed out after it was sent) may have been posted: it is not sent again.
"""

import http.client
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.oauth.installation_store import InstallationStore

from evalbot.slack.transport.outbox.queue import Outgoing
from evalbot.slack.transport.retries import may_have_reached_slack, retry_after
from evalbot.slack.transport.web import failure_of

DEFAULT_RETRY_AFTER = 1.0  # seconds, when a 429 names none
MAX_BACKOFF = 60.0


@dataclass(frozen=True, kw_only=True)
class Outcome:
    """What became of one attempt.

    Attributes:
        sent: Slack accepted the message.
        retry_in: seconds to wait before the next attempt (None: no retry).
        rate_limited: the wait is Slack's `Retry-After` for the channel.
        ambiguous: the request went out and no answer came back: it may have been posted.
        failure: `evalbot.slack.transport.web.failure_of` the error (HTTP status, Slack's error, the reason).
    """

    sent: bool = False
    retry_in: float | None = None
    rate_limited: bool = False
    ambiguous: bool = False
    failure: dict = field(default_factory=dict)


def post(client: WebClient, outgoing: Outgoing) -> Outcome:
    """Make `outgoing`'s Web API call once."""
    try:
        client.api_call(outgoing.method, json={k: v for k, v in outgoing.arguments.items() if v is not None})
    except SlackApiError as e:
        status = e.response.status_code
        if status == 429:
            wait = retry_after(e.response)
            return Outcome(retry_in=DEFAULT_RETRY_AFTER if wait is None else wait, rate_limited=True,
                           failure=failure_of(e))
        if status >= 500:
            return Outcome(retry_in=backoff(outgoing.attempts), failure=failure_of(e))
        return Outcome(failure=failure_of(e))
    except (OSError, http.client.HTTPException) as e:
        if may_have_reached_slack(e):
            return Outcome(ambiguous=True, failure=failure_of(e))
        return Outcome(retry_in=backoff(outgoing.attempts), failure=failure_of(e))  # never reached Slack
    return Outcome(sent=True)


def backoff(attempts: int) -> float:
    """1 s, 2 s, 4 s ... up to a minute, plus up to a quarter again, so failed sends do not retry in step."""
    wait = min(MAX_BACKOFF, 2.0 ** max(0, attempts - 1))
    return wait * (1 + random.uniform(0, 0.25))


def clients_for(client: WebClient, *, installations: InstallationStore | None = None
                ) -> Callable[[Outgoing], WebClient]:
    """Which client posts an answer: `client`'s URL and timeout, no retries of its own, and the token of
    the answer's workspace (`installations`, with several installed) or the one bot token."""
    if installations is None:
        poster = WebClient(token=client.token, base_url=client.base_url, timeout=client.timeout, retry_handlers=[])
        return lambda _outgoing: poster

    def for_workspace(outgoing: Outgoing) -> WebClient:
        # Looked up at sending time: a token revoked since the answer was kept is never used.
        bot = installations.find_bot(enterprise_id=None, team_id=outgoing.team_id)
        token = bot.bot_token if bot is not None else None
        return WebClient(token=token, base_url=client.base_url, timeout=client.timeout, retry_handlers=[])

    return for_workspace
