"""`GET /metrics`: every worker's counters and histograms summed, plus the outbox read from the state store."""

import os
import time

from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import REGISTRY
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from evalbot.metrics.multiprocess import ENV
from evalbot.store import Store
from evalbot.store.schema import outbox

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
PENDING = "pending"


class OutboxCollector:
    """The outbox's depth and the age of its oldest waiting answer, read when scraped (shared by every host)."""

    def __init__(self, store: Store):
        self.store = store

    def collect(self):
        pending = GaugeMetricFamily("evalbot_outbox_pending", "Answers kept and not yet sent.")
        oldest = GaugeMetricFamily("evalbot_outbox_oldest_pending_seconds",
                                   "Age of the oldest answer waiting to be sent (0 when none).")
        up = GaugeMetricFamily("evalbot_store_up", "1 when the state store answered this scrape.")
        try:
            with self.store.engine.connect() as connection:
                count, first = connection.execute(
                    select(func.count(), func.min(outbox.c.created_at)).where(outbox.c.status == PENDING)).one()
        except SQLAlchemyError:
            up.add_metric([], 0)
            yield up
            return
        pending.add_metric([], count)
        oldest.add_metric([], max(0.0, time.time() - first) if first is not None else 0.0)
        up.add_metric([], 1)
        yield from (pending, oldest, up)


def render(store: Store) -> bytes:
    """The Prometheus text of this process (or of all workers, in multiprocess mode) and the outbox."""
    import evalbot.metrics.instruments  # noqa: F401 - every metric exists, even before its first count

    if os.environ.get(ENV):
        counted = CollectorRegistry()
        MultiProcessCollector(counted)
    else:
        counted = REGISTRY  # one process (Socket Mode, tests): its own values
    read = CollectorRegistry()
    read.register(OutboxCollector(store))
    return generate_latest(counted) + generate_latest(read)
