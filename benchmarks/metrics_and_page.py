"""What metrics and the HTML report cost: a counter increment, a /metrics scrape, `report --html` on a busy store.

    .venv/bin/python benchmarks/metrics_and_page.py            # prints one JSON object, writes results/metrics_and_page.json

- `count_us`: one `evalbot_deliveries_total` increment (what every delivery adds), in microseconds, in one
  process and in gunicorn's multiprocess mode (values in an mmap'd file).
- `scrape_ms`: one `GET /metrics` body in multiprocess mode with two workers' files and 1,000 answers
  pending in a SQLite outbox (the outbox gauges are a query per scrape).
- `page`: `build_report` + `as_html` over 10,000 logged questions across 30 days: seconds and page size.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RESULTS = Path(__file__).parent / "results" / "metrics_and_page.json"


def per_op_us(work, n: int) -> float:
    started = time.perf_counter()
    for _ in range(n):
        work()
    return (time.perf_counter() - started) / n * 1e6


def count_cost() -> float:
    from evalbot.metrics import instruments

    counter = instruments.deliveries.labels(kind="app_mention")
    per_op_us(counter.inc, 1000)  # warm
    return min(per_op_us(counter.inc, 20000) for _ in range(5))


def scrape_cost(tmp: Path) -> float:
    """In multiprocess mode (the env var is set by the parent): two workers' files, 1,000 pending answers."""
    from sqlalchemy import insert

    from evalbot.metrics.exposition import render
    from evalbot.metrics import instruments
    from evalbot.store import open_store
    from evalbot.store.schema import outbox

    if os.fork() == 0:  # a second "worker" with its own value file
        instruments.deliveries.labels(kind="app_mention").inc(5)
        os._exit(0)
    os.wait()
    store = open_store(data_dir=tmp / "var")
    now = time.time()
    with store.engine.begin() as connection:
        connection.execute(insert(outbox), [{"channel": f"C{n % 50}", "payload": "{}", "status": "pending",
                                             "attempts": 0, "not_before": now, "created_at": now - n,
                                             "expires_at": now + 600} for n in range(1000)])
    render(store)
    runs = []
    for _ in range(50):
        started = time.perf_counter()
        render(store)
        runs.append(time.perf_counter() - started)
    store.close()
    return sorted(runs)[len(runs) // 2] * 1000


def page_cost(tmp: Path) -> dict:
    from evalbot.core.reply import Reply, ReplyKind
    from evalbot.feedback.page.render import as_html
    from evalbot.feedback.recording import QuestionLog
    from evalbot.feedback.report import build_report
    from evalbot.store import open_store

    store = open_store(data_dir=tmp / "page")
    now = time.time()
    intents = ["roi", "npv", "board-pitch", "equity-negotiation", "vp-role", "out-of-scope"]
    for day in range(30):
        log = QuestionLog(engine=store.engine, retention_days=90, clock=lambda day=day: now - day * 86400)
        for n in range(333):
            intent = intents[n % len(intents)]
            kind = ReplyKind.OUT_OF_SCOPE if intent == "out-of-scope" else ReplyKind.TOPIC
            reply = Reply(intent=intent, kind=kind, confidence=(n % 100) / 100, title="t")
            log.record(reply, question=f"question {n % 97} about thing {n % 13} on day {day}", user=f"U{n}",
                       team="T1", reply_ref=f"r{day}-{n}")
    started = time.perf_counter()
    report = build_report(store.engine, days=30, now=now)
    built = time.perf_counter() - started
    page = as_html(report)
    rendered = time.perf_counter() - started - built
    store.close()
    return {"questions": report.questions, "build_report_s": round(built, 3), "as_html_s": round(rendered, 3),
            "page_kb": round(len(page.encode()) / 1024, 1)}


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--multiprocess-part":
        tmp = Path(sys.argv[2])
        print(json.dumps({"count_us": count_cost(), "scrape_ms": scrape_cost(tmp)}))
        return
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        (tmp / "prom").mkdir()
        env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp / "prom")}
        multi = json.loads(subprocess.run([sys.executable, __file__, "--multiprocess-part", str(tmp)], env=env,
                                          check=True, capture_output=True, text=True).stdout)
        single = count_cost()
        results = {"count_us": {"one_process": round(single, 2), "multiprocess": round(multi["count_us"], 2)},
                   "scrape_ms_two_workers_1000_pending": round(multi["scrape_ms"], 2),
                   "page": page_cost(tmp)}
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
