"""A bare Bolt app, the baseline of the HTTP load benchmark (benchmarks/load_http.py).

It does what every Bolt app does and nothing more: `/evalbot` is acknowledged with
an empty body, and an @mention is answered with "ok" in its thread through
`chat.postMessage`. It is served exactly as `evalbot serve --http` serves evalbot:
gunicorn, `gthread` workers, the same worker and thread counts, keep-alive and
timeouts (see `server_options`), with Bolt's own WSGI adapter and its own request
signature check.

Run it:

    SLACK_BOT_TOKEN=xoxb-… SLACK_SIGNING_SECRET=… SLACK_API_URL=http://127.0.0.1:9999/api/ \\
        python benchmarks/bare_bolt_app.py --port 3001 --workers 2

or with the gunicorn command line: `gunicorn -k gthread --threads 64 'bare_bolt_app:create_wsgi()'`.
"""

import argparse
import os
import re

from gunicorn.app.base import BaseApplication
from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient

# evalbot's server settings (evalbot/slack/transport/http_server.py and evalbot/slack/transport/serve.py), mirrored here so the
# baseline runs on the same server. `load_http.py` checks them against evalbot's at start-up.
DEFAULT_WORKERS = 2
THREADS_PER_WORKER = 64
GRACEFUL_TIMEOUT = 25
TIMEOUT = 30
KEEPALIVE = 5
COMMAND = re.compile(r"^/evalbot[\w-]*$")
EVENTS_PATH = "/slack/events"


def build_app(*, token: str, signing_secret: str, api_url: str) -> App:
    """The bare app: one slash-command listener that acks, one app_mention listener that replies "ok"."""
    app = App(client=WebClient(token=token, base_url=api_url), signing_secret=signing_secret, name="bare-bolt")

    @app.command(COMMAND)
    def command(ack) -> None:
        ack()

    @app.event("app_mention")
    def mention(event, say) -> None:
        say(text="ok", thread_ts=event.get("thread_ts") or event.get("ts"))

    return app


def create_wsgi():
    """A WSGI callable for `POST /slack/events`, configured from the environment like evalbot."""
    app = build_app(
        token=os.environ["SLACK_BOT_TOKEN"],
        signing_secret=os.environ["SLACK_SIGNING_SECRET"],
        api_url=os.environ.get("SLACK_API_URL", "https://slack.com/api/"),
    )
    handler = SlackRequestHandler(app, path=EVENTS_PATH)
    return handler


def server_options(*, host: str, port: int, workers: int, log_level: str = "info") -> dict:
    """gunicorn settings, the same as evalbot's `HttpServer` minus its own logger and drain hook."""
    return {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "gthread",
        "threads": THREADS_PER_WORKER,
        "graceful_timeout": GRACEFUL_TIMEOUT,
        "timeout": TIMEOUT,
        "keepalive": KEEPALIVE,
        "preload_app": True,
        "loglevel": log_level,
        "accesslog": None,
        "errorlog": "-",
        "proc_name": "bare-bolt",
    }


class BareServer(BaseApplication):
    """gunicorn serving the bare app, configured in code."""

    def __init__(self, options: dict):
        self._options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self._options.items():
            self.cfg.set(key, value)
        if "control_socket_disable" in self.cfg.settings:  # gunicorn 24+, as evalbot sets it
            self.cfg.set("control_socket_disable", True)

    def load(self):
        return create_wsgi()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve the bare Bolt baseline app with gunicorn.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "3001")))
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS)
    parser.add_argument("--log-level", default=os.environ.get("LOG_LEVEL", "info").lower())
    args = parser.parse_args(argv)
    BareServer(server_options(host=args.host, port=args.port, workers=args.workers, log_level=args.log_level)).run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
