"""Prometheus metrics: what evalbot counts and times, and `GET /metrics` (HTTP mode).

`instruments` defines every metric (names prefixed `evalbot_`); the Slack layer counts into
them. Over HTTP each gunicorn worker writes its own values to files in a shared folder
(prometheus_client's multiprocess mode, `multiprocess.prepare`), and `GET /metrics`
on any worker sums them (`exposition`). Outbox depth and age come from the state store at
scrape time, so every worker and host reports the same figures.
"""
