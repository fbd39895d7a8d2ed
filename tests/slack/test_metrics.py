"""GET /metrics on `serve --http` with two real gunicorn workers: Prometheus text, counts summed over workers."""

import json
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families
from slack_fakes import block_actions, event_callback, mention
from test_serve_e2e import FORM, Server

from evalbot.rendering.feedback import FEEDBACK_ACTION

CHANNEL = "C0METRICS"


def scrape(server: Server) -> dict[tuple[str, tuple], float]:
    """Every sample of GET /metrics, keyed by name and sorted labels."""
    status, text = server.get("/metrics")
    assert status == 200
    return {(sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(text) for sample in family.samples}


def value(samples: dict, name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def files_of(folder: Path, kind: str) -> set[int]:
    """The pids that wrote a `kind` (counter, histogram) file in the multiprocess folder."""
    return {int(path.stem.rsplit("_", 1)[1]) for path in folder.glob(f"{kind}_*.db")}


@pytest.fixture(scope="module")
def metrics_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("prometheus")


@pytest.fixture(scope="module")
def server(tmp_path_factory, fake_slack_server, metrics_dir):
    (metrics_dir / "counter_1.db").write_bytes(b"stale")  # an earlier run's file: cleared at start
    srv = Server(tmp_path_factory.mktemp("metrics"), fake_slack_server.url, name="metrics",
                 PROMETHEUS_MULTIPROC_DIR=str(metrics_dir))
    yield srv
    assert srv.stop() == 0


def test_counts_are_summed_over_both_workers(server, fake_slack_server, metrics_dir):
    """Mentions served by two workers: deliveries, answers and both histograms count every one, on any scrape."""
    deadline = time.monotonic() + 20
    while len(server.workers()) < 2 and time.monotonic() < deadline:  # gunicorn forks them one by one
        time.sleep(0.1)
    workers = set(server.workers())
    assert len(workers) == 2 and not (metrics_dir / "counter_1.db").exists()
    sent = 0
    with ThreadPoolExecutor(8) as pool:
        for _ in range(15):  # until each worker has acknowledged deliveries (the kernel picks who accepts)
            bodies = [event_callback(mention("how do I pitch the eval budget to the board?", channel=CHANNEL,
                                             ts=f"1700001{sent + n:03d}.000100"), event_id=f"EvMetrics{sent + n}")
                      for n in range(16)]
            assert {status for status, _, _ in pool.map(server.post, bodies)} == {200}
            sent += len(bodies)
            if workers <= files_of(metrics_dir, "histogram"):
                break
    assert workers <= files_of(metrics_dir, "histogram"), "one worker took every delivery"
    deadline = time.monotonic() + 30
    while len([p for p in fake_slack_server.posted() if p.get("channel") == CHANNEL]) < sent:
        assert time.monotonic() < deadline, server.logs()
        time.sleep(0.1)
    for _ in range(4):  # each scrape may land on either worker: all agree
        samples = scrape(server)
        assert value(samples, "evalbot_deliveries_total", kind="app_mention") == sent
        assert value(samples, "evalbot_answers_sent_total", path="outbox") == sent
        assert value(samples, "evalbot_answers_total", kind="topic") == sent
        assert value(samples, "evalbot_ack_seconds_count", status="200") == sent
        assert value(samples, "evalbot_ack_seconds_bucket", status="200", le="+Inf") == sent
        assert value(samples, "evalbot_answer_seconds_count") == sent
        assert value(samples, "evalbot_outbox_pending") == 0 and value(samples, "evalbot_store_up") == 1


def test_histograms_have_buckets_and_every_named_metric_is_there(server):
    """The two timings are histograms with several buckets; the documented names all appear."""
    _, text = server.get("/metrics")
    families = {family.name: family for family in text_string_to_metric_families(text)}
    for name in ("evalbot_ack_seconds", "evalbot_answer_seconds"):
        assert families[name].type == "histogram"
        buckets = {s.labels["le"] for s in families[name].samples if s.name.endswith("_bucket")}
        assert {"0.1", "1.0", "+Inf"} <= buckets
    for name in ("evalbot_deliveries", "evalbot_answers_sent", "evalbot_rate_limited", "evalbot_unanswered",
                 "evalbot_votes", "evalbot_expired_answers", "evalbot_store_faults", "evalbot_outbox_pending",
                 "evalbot_outbox_oldest_pending_seconds"):
        assert name in families, name


def test_votes_and_unanswered_questions_are_counted(server):
    """A 👎 and an out-of-scope mention move their counters."""
    before = scrape(server)
    server.post(event_callback(mention("what is the wifi password", channel=CHANNEL, ts="1700009000.000100"),
                               event_id="EvMetricsOos"))
    vote = json.dumps({"v": "down", "r": "ref123", "i": "roi", "c": 0.9})
    server.post(block_actions({"action_id": FEEDBACK_ACTION, "type": "feedback_buttons", "value": vote}),
                content_type=FORM)
    deadline = time.monotonic() + 10
    while True:
        after = scrape(server)
        if (value(after, "evalbot_unanswered_total") > value(before, "evalbot_unanswered_total")
                and value(after, "evalbot_votes_total", vote="down") > value(before, "evalbot_votes_total", vote="down")):
            break
        assert time.monotonic() < deadline, "counters did not move"
        time.sleep(0.1)


def test_metrics_share_the_slack_port_and_answer_head_and_text(server):
    """/metrics is on the port of /slack/events, in Prometheus's text format."""
    status, text = server.get("/metrics")
    assert status == 200 and "# TYPE evalbot_deliveries_total counter" in text
    assert server.post("{}", signed=False)[0] == 401  # same port: the events endpoint is right there
