"""The Bolt app: middleware, listeners and the error handler, wired. Nothing else happens here."""

import logging

from slack_bolt import App
from slack_sdk import WebClient

from evalbot.config import Settings
from evalbot.core.brain import Brain
from evalbot.feedback.service import Feedback
from evalbot.handoff.book import HandoffBook
from evalbot.conversation.store import ConversationStore
from evalbot.store.conversations import SqlConversations
from evalbot.slack.channel_rules import ChannelRules
from evalbot.slack.deps import Deps
from evalbot.slack.transport.error_handler import handle_unexpected_error
from evalbot.slack.transport.executor import ContextThreadPoolExecutor
from evalbot.slack.listeners import register_listeners
from evalbot.slack.transport.middleware import EvalbotMiddleware
from evalbot.slack.transport.outbox.claims import DeliveryClaims
from evalbot.slack.transport.outbox.posting import clients_for
from evalbot.slack.transport.outbox.queue import Outbox
from evalbot.slack.transport.outbox.sender import Sender
from evalbot.slack.transport.rate_limit import RateLimiter
from evalbot.slack.ready_answers import ReadyAnswers
from evalbot.slack.recent_homes import RecentHomes
from evalbot.slack.transport.oauth import oauth_settings
from evalbot.slack.transport.web import build_web_client
from evalbot.store import Store

LISTENER_THREADS = 16
ANSWER_THREADS = 8
FREE_TEXT_BURST = 20
FREE_TEXT_PER_SECOND = 1.0
# Seconds a stopping process keeps posting the outbox's answers: with the sends then in
# flight (at most the client's 10 s timeout) it stays inside gunicorn's graceful 25 s.
DRAIN_SECONDS = 10.0
# Bolt names its per-request logger after the app, and resets that logger's level to the
# root's on every delivery: it must not be `evalbot`, the parent of our own loggers.
BOLT_APP_NAME = "evalbot-bolt"


class _ClientGivenNotice(logging.Filter):
    """Bolt reads SLACK_BOT_TOKEN itself and warns that our (identically tokened) client wins; drop that noise."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "`token` will be unused" not in record.getMessage()


class EvalbotApp(App):
    """Bolt's `App`, holding what evalbot's listeners share, so `drain` can let them finish.

    Args:
        deps: what the listeners need (also handed to them in `context`).
        **bolt: Bolt's own `App` arguments.
    """

    def __init__(self, *, deps: Deps, **bolt):
        super().__init__(**bolt)
        self.deps = deps


def build_app(
    settings: Settings,
    brain: Brain,
    *,
    client: WebClient | None = None,
    limiter: RateLimiter | None = None,
    feedback: Feedback | None = None,
    conversations: ConversationStore | None = None,
    verify_requests: bool = True,
    store: Store | None = None,
    channel_rules: ChannelRules | None = None,
) -> EvalbotApp:
    """A Bolt `App` answering with `brain`.

    Args:
        client: the Web API client; by default one for `SLACK_API_URL` with bounded retries.
        limiter: the per-user free-text limit; by default a burst of 20, then 1 a second.
        feedback: votes and the question log in the state store; None shows no feedback buttons.
        conversations: where DMs and threads keep their context; by default the state store's
            (shared by every worker and host), or this process's memory when there is no store.
        verify_requests: Bolt checks each request's Slack signature. Only a server that
            verifies every request before Bolt sees it (`SlackWsgiApp`) turns this off.
        store: the state store: delivery claims, the outbox, conversations, installations;
            by default the one the settings name (`settings.open_store()`, migrated).
        channel_rules: how to behave per channel; by default those of `EVALBOT_CHANNELS`.
    """
    bolt_logger = logging.getLogger("slack_bolt.App")
    if not any(isinstance(f, _ClientGivenNotice) for f in bolt_logger.filters):
        bolt_logger.addFilter(_ClientGivenNotice())
    listeners = ContextThreadPoolExecutor(max_workers=LISTENER_THREADS, thread_name_prefix="evalbot-listener")
    client = client or build_web_client(settings)
    store = store or settings.open_store()
    oauth = oauth_settings(settings, store) if settings.oauth else None
    outbox = Outbox(store=store)
    seen = DeliveryClaims(store=store)
    retention = feedback.questions.retention if feedback is not None else None

    def chores() -> None:
        seen.write_back_if_replaced()
        if retention is not None:
            retention.purge_expired()  # install states and conversations: every few seconds
            retention.maybe_purge()  # everything past EVALBOT_RETENTION_DAYS: hourly

    deps = Deps(
        brain=brain,
        answers=ReadyAnswers(brain=brain),
        # `is None`, not `or`: an empty limiter has no buckets yet, so it is falsy.
        limiter=limiter if limiter is not None else RateLimiter(burst=FREE_TEXT_BURST,
                                                                per_second=FREE_TEXT_PER_SECOND),
        store=store,
        seen=seen,
        outbox=outbox,
        sender=Sender(outbox=outbox,
                      client_for=clients_for(client, installations=oauth.installation_store if oauth else None),
                      chores=chores),
        homes=RecentHomes(),
        workers=ContextThreadPoolExecutor(max_workers=ANSWER_THREADS, thread_name_prefix="evalbot-answer"),
        feedback=feedback,
        conversations=conversations or SqlConversations(engine=store.engine),
        channels=channel_rules if channel_rules is not None else settings.channel_rules(),
        experts_channel=settings.evalbot_experts_channel,
        handoffs=HandoffBook(engine=store.engine) if settings.evalbot_experts_channel else None,
    )
    app = EvalbotApp(
        deps=deps,
        name=BOLT_APP_NAME,
        client=client,
        signing_secret=settings.slack_signing_secret or "",
        request_verification_enabled=verify_requests,
        listener_executor=listeners,
        oauth_settings=oauth,
        installation_store_bot_only=True if oauth else None,
    )
    app.middleware(EvalbotMiddleware(deps, run_inline=listeners.run_next_inline))
    register_listeners(app)
    app.error(handle_unexpected_error)
    return app


def start_sending(app: EvalbotApp) -> None:
    """Start posting the outbox's answers from this process (each server worker, after its fork)."""
    app.deps.sender.start()


def drain(app: App, *, wait: bool = True) -> None:
    """Let the listeners still running after their ack finish, then post what the outbox holds for
    up to `DRAIN_SECONDS`; answers left wait there for the next start."""
    app.listener_runner.listener_executor.shutdown(wait=wait)
    if isinstance(app, EvalbotApp):
        app.deps.workers.shutdown(wait=wait)
        app.deps.sender.stop(within=DRAIN_SECONDS if wait else 0.0)
