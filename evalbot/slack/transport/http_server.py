"""`evalbot serve --http`: gunicorn, configured in code (no config file, no `app.start()`).

The master process loads the brain and builds the Bolt app once (so bad tokens
fail before any worker starts, and workers share the loaded knowledge), then
forks `workers` processes with the `gthread` worker. Each worker starts its outbox
sender once forked (answers a previous run left are sent then). On SIGTERM each worker
stops accepting, finishes its requests in flight, drains the listener threads Bolt runs
after an ack, and posts what the outbox holds for a while (`drain`) before it exits;
`graceful_timeout` bounds the whole drain.
"""

import logging

from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger as GunicornLogger
from slack_bolt import App

from evalbot.metrics.multiprocess import worker_exited
from evalbot.slack.app import drain, start_sending
from evalbot.metrics.wsgi import MetricsWsgi
from evalbot.slack.transport.wsgi import SlackWsgiApp

log = logging.getLogger(__name__)

GRACEFUL_TIMEOUT = 25  # seconds; within the 30 s most orchestrators allow after SIGTERM
# A thread per connection being read: enough that 50 slow or idle clients (each dropped after
# `wsgi.BODY_IDLE_SECONDS` of silence), even all accepted by one worker, leave threads for
# /health and Slack's deliveries. An idle thread costs little (its stack is mostly untouched).
THREADS_PER_WORKER = 64


class JsonLogs(GunicornLogger):
    """Route gunicorn's own messages through evalbot's JSON, redacting log handler; no access log."""

    def setup(self, cfg) -> None:
        super().setup(cfg)
        for logger in (self.error_log, self.access_log):
            logger.handlers.clear()
            logger.propagate = True


class HttpServer(BaseApplication):
    """A gunicorn application serving `wsgi` (a `SlackWsgiApp`), draining its Bolt app as each worker exits."""

    def __init__(self, *, wsgi: SlackWsgiApp | MetricsWsgi, host: str, port: int, workers: int, log_level: str):
        self._wsgi = wsgi
        self._options = {
            "bind": f"{host}:{port}",
            "workers": workers,
            "worker_class": "gthread",
            "threads": THREADS_PER_WORKER,
            "graceful_timeout": GRACEFUL_TIMEOUT,
            "timeout": 30,
            "keepalive": 5,
            "preload_app": True,
            "logger_class": JsonLogs,
            "loglevel": log_level.lower(),
            "accesslog": None,
            "errorlog": "-",
            "proc_name": "evalbot",
            "post_worker_init": lambda worker: start_sending(wsgi.app),
            "worker_exit": lambda server, worker: self._worker_exit(wsgi.app),
            "child_exit": lambda server, worker: worker_exited(worker.pid),
        }
        super().__init__()

    def load_config(self) -> None:
        for key, value in self._options.items():
            self.cfg.set(key, value)
        if "control_socket_disable" in self.cfg.settings:  # gunicorn 24+: no runtime control socket
            self.cfg.set("control_socket_disable", True)

    def load(self):
        return self._wsgi

    @staticmethod
    def _worker_exit(app: App) -> None:
        drain(app)
        log.info("worker drained its listeners and outbox")
        for handler in logging.getLogger().handlers:
            handler.flush()  # the last lines, before gunicorn's worker process ends
