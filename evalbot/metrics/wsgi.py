"""`GET /metrics` beside `/slack/events` on the same port, and the ack time of every delivery."""

import time

from evalbot.metrics.exposition import CONTENT_TYPE, render

METRICS_PATH = "/metrics"
EVENTS_PATH = "/slack/events"


class MetricsWsgi:
    """Wraps the Slack WSGI app: serves `GET /metrics`, times `POST /slack/events` (`evalbot_ack_seconds`).

    Args:
        inner: the Slack WSGI app (`SlackWsgiApp`); its Bolt app stays reachable as `app`.
    """

    def __init__(self, inner):
        self.inner = inner

    @property
    def app(self):
        return self.inner.app

    def __call__(self, environ: dict, start_response):
        path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "GET")
        if path == METRICS_PATH and method in ("GET", "HEAD"):
            body = render(self.inner.app.deps.store)
            start_response("200 OK", [("Content-Type", CONTENT_TYPE), ("Content-Length", str(len(body)))])
            return [body]
        if path != EVENTS_PATH:
            return self.inner(environ, start_response)
        from evalbot.metrics.instruments import ack_seconds

        started, status = time.perf_counter(), []

        def recording(code, headers, exc_info=None):
            status.append(code[:3])
            return start_response(code, headers, exc_info) if exc_info else start_response(code, headers)

        result = self.inner(environ, recording)
        ack_seconds.labels(status=status[0] if status else "none").observe(time.perf_counter() - started)
        return result
