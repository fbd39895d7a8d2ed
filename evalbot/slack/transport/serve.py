"""`evalbot serve`: check the configuration, build the app, run Socket Mode or HTTP."""

import gc
import logging

from slack_bolt.error import BoltError

from evalbot.config import Settings
from evalbot.core.brain import Brain
from evalbot.errors import ConfigError
from evalbot.logs import configure_logging, secrets_of
from evalbot.slack.transport.sealed_tokens import MAKE_A_KEY

log = logging.getLogger(__name__)
DEFAULT_WORKERS = 2
DEFAULT_HOST = "0.0.0.0"


def check_settings(settings: Settings, *, http: bool) -> None:
    """Raise one `ConfigError` line naming every missing or malformed variable.

    Over HTTP, `SLACK_CLIENT_ID` with `SLACK_CLIENT_SECRET` (a multi-workspace install)
    stand in for `SLACK_BOT_TOKEN`; Socket Mode runs with one bot token only (it has no
    web server for the install pages).
    """
    if http:
        needed = ["SLACK_SIGNING_SECRET"] if settings.oauth else ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"]
    else:
        needed = ["SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"]
    missing = [name for name in needed if not (getattr(settings, name.lower()) or "").strip()]
    if bool(settings.slack_client_id) != bool(settings.slack_client_secret):
        missing.append("SLACK_CLIENT_SECRET" if settings.slack_client_id else "SLACK_CLIENT_ID")
    if settings.evalbot_token_key:
        if not settings.evalbot_token_key.replace(",", "").strip():
            raise ConfigError(f"EVALBOT_TOKEN_KEY holds no key; make one with: {MAKE_A_KEY}")
    elif settings.slack_client_id:
        missing.append("EVALBOT_TOKEN_KEY (it encrypts stored Slack tokens; make one with "
                       f"{MAKE_A_KEY})")
    wrong = []
    bot, app_token = settings.slack_bot_token or "", settings.slack_app_token or ""
    if bot and (not bot.startswith("xox") or bot.startswith("xapp-")):
        wrong.append("SLACK_BOT_TOKEN (must be a bot token, xoxb-…)")
    if app_token and not app_token.startswith("xapp-") and not http:
        wrong.append("SLACK_APP_TOKEN (must be an app-level token, xapp-…)")
    if settings.oauth and not http:
        wrong.append("SLACK_CLIENT_ID/SLACK_CLIENT_SECRET (a multi-workspace install is served over --http)")
    if missing or wrong:
        mode = "HTTP mode (--http)" if http else "Socket Mode (or use --http)"
        parts = [f"missing {', '.join(missing)}"] if missing else []
        parts += [f"invalid {', '.join(wrong)}"] if wrong else []
        raise ConfigError(f"{mode} needs configuration: {'; '.join(parts)}")
    settings.channel_rules()  # a bad rules file stops the server before it listens


def _build(settings: Settings, *, verify_requests: bool = True):
    from evalbot.slack.app import build_app

    from evalbot.feedback.service import Feedback

    brain = Brain.load(overlay_dir=settings.evalbot_knowledge_dir)
    # First the store (migrated, under a lock on PostgreSQL): its faults name EVALBOT_DATA_DIR
    # or EVALBOT_DATABASE_URL, before anything talks to SLACK_API_URL.
    store = settings.open_store()
    feedback = Feedback.from_store(store, retention_days=settings.evalbot_retention_days,
                                   admins=settings.evalbot_admins)
    try:
        return build_app(settings, brain, store=store, feedback=feedback, verify_requests=verify_requests)
    except BoltError as e:
        raise ConfigError(f"SLACK_BOT_TOKEN was not accepted by {settings.slack_api_url}: {e}") from e
    except OSError as e:
        raise ConfigError(f"cannot reach SLACK_API_URL {settings.slack_api_url}: {e}") from e


def serve(settings: Settings, *, http: bool, port: int | None = None, workers: int | None = None) -> int:
    """Run until stopped; the exit code. Bad configuration raises `ConfigError` (exit 2)."""
    check_settings(settings, http=http)
    configure_logging(settings.log_level, secrets=secrets_of(settings), background=True)
    # The JSON lines never show thread or process names: do not look them up for every
    # record (the logging docs' own advice, "Optimization").
    logging.logThreads = logging.logProcesses = logging.logMultiprocessing = False
    if workers is not None and workers < 1:
        raise ConfigError("--workers must be at least 1")
    if http:
        from evalbot.metrics.multiprocess import prepare

        prepare()  # before anything imports prometheus_client: the workers' counts are summed
    # Over HTTP every request passes `SlackWsgiApp`'s signature check before Bolt sees it.
    app = _build(settings, verify_requests=not http)
    if not http:
        from evalbot.slack.transport.socket_mode import run_socket_mode

        return run_socket_mode(app, app_token=settings.slack_app_token or "")
    from evalbot.slack.transport.http_server import HttpServer
    from evalbot.metrics.wsgi import MetricsWsgi
    from evalbot.slack.transport.wsgi import SlackWsgiApp

    wsgi = MetricsWsgi(SlackWsgiApp(app=app, signing_secret=settings.slack_signing_secret or ""))
    server = HttpServer(
        wsgi=wsgi,
        host=DEFAULT_HOST,
        port=port or settings.port,
        workers=workers or DEFAULT_WORKERS,
        log_level=settings.log_level,
    )
    log.info("serving HTTP on port %s with %s workers", port or settings.port, workers or DEFAULT_WORKERS)
    # The brain and the app live as long as the process: keep them out of the collector's
    # sweeps, which would otherwise also copy their pages into every forked worker.
    gc.collect()
    gc.freeze()
    server.run()
    return 0
