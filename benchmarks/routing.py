"""Routing benchmark: per-message latency in-process, cold start of the CLI, server worker RSS, venv size.

Run: .venv/bin/python benchmarks/routing.py   (writes benchmarks/results/routing.json)
"""

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

from evalbot.core.brain import Brain
from evalbot.routing.grammar import parse_command
from evalbot.routing.lexicon import content_words
from evalbot.routing.normalise import normalise, strip_slack

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from load_http import BOT_TOKEN, SIGNING_SECRET, FakeSlack, build_requests, free_port, run_phase, start_server  # noqa: E402
DEV_SET = ROOT / "tests" / "routing" / "devset.yaml"
WRITTEN = ROOT / "tests" / "routing" / "written"
LONG = 500  # characters: the budgets differ for messages up to this long and for long posts
LONG_POSTS = 150
COLD_RUNS = 10


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def route_latencies(brain: Brain, texts: list[str], *, rounds: int = 5) -> tuple[list[float], list[float]]:
    """Milliseconds per message: routing alone (grammar, finding the ask, the encoder and head), and the whole answer."""
    routing, answering = [], []
    for text in texts[:50]:  # warm caches the way a running server would have them
        brain.answer(text)
    for _ in range(rounds):
        for text in texts:
            # Message-level caches would make repeats free; each timing is of an unseen message.
            normalise.cache_clear()
            content_words.cache_clear()
            brain.router.encoder.forget()
            start = time.perf_counter()
            stripped = strip_slack(text)
            if parse_command(stripped) is None:
                brain.route(text)
            routing.append((time.perf_counter() - start) * 1000)
            normalise.cache_clear()
            content_words.cache_clear()
            brain.router.encoder.forget()
            start = time.perf_counter()
            brain.answer(text)
            answering.append((time.perf_counter() - start) * 1000)
    return routing, answering


def cold_start() -> tuple[list[float], float]:
    """Wall seconds of `python -m evalbot ask --json TEXT` in fresh processes whose index cache is warm; peak RSS in MB."""
    walls = []
    with tempfile.TemporaryDirectory(prefix="evalbot-cache-") as cache:
        env = os.environ | {"XDG_CACHE_HOME": cache}
        argv = [sys.executable, "-m", "evalbot", "ask", "--json", "how do I pitch the eval budget to the board?"]
        subprocess.run(argv, check=True, capture_output=True, env=env)  # builds and caches the index
        for _ in range(COLD_RUNS):
            start = time.perf_counter()
            subprocess.run(argv, check=True, capture_output=True, env=env)
            walls.append(time.perf_counter() - start)
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return walls, peak_kb / 1024


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def worker_rss(requests: int = 200) -> dict[str, float]:
    """RSS of `evalbot serve --http --workers 1`'s worker after answering `requests` signed Slack requests."""
    fake = FakeSlack()
    threading.Thread(target=fake.serve_forever, name="fake-slack", daemon=True).start()
    with tempfile.TemporaryDirectory(prefix="evalbot-rss-") as tmp:
        env = {key: value for key, value in os.environ.items() if not key.startswith(("SLACK_", "EVALBOT_"))}
        env |= {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET, "SLACK_API_URL": fake.api_url,
                "EVALBOT_DATA_DIR": str(Path(tmp) / "var"), "LOG_LEVEL": "WARNING"}
        port = free_port()
        server = start_server("evalbot", [sys.executable, "-m", "evalbot", "serve", "--http", "--workers", "1",
                                          "--port", str(port)], port=port, env=env, workdir=Path(tmp))
        try:
            run_phase(port, build_requests(requests, response_url=fake.response_url, run_id="rss"),
                      concurrency=4, keepalive=True)
            time.sleep(1.0)  # let the answers that run after the ack finish
            children = Path(f"/proc/{server.process.pid}/task/{server.process.pid}/children").read_text().split()
            return {"master": round(_rss_mb(server.process.pid), 1),
                    "workers": [round(_rss_mb(int(pid)), 1) for pid in children]}
        finally:
            server.stop()
            fake.shutdown()


def venv_mb() -> float:
    """Size on disk of the virtual environment this benchmark runs in (test tools and oracles included)."""
    total = sum(path.stat().st_size for path in Path(sys.prefix).rglob("*") if path.is_file() and not path.is_symlink())
    return total / 1024 / 1024


def runtime_mb() -> float:
    """What a user's install takes: evalbot and every distribution it requires at run time, recursively."""
    from importlib import metadata
    from packaging.requirements import Requirement

    seen, queue, total = set(), ["evalbot"], 0
    while queue:
        name = queue.pop().lower().replace("_", "-")
        if name in seen:
            continue
        seen.add(name)
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        total += sum((dist.locate_file(f)).stat().st_size for f in dist.files or [] if dist.locate_file(f).is_file())
        for spec in dist.requires or []:
            requirement = Requirement(spec)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                queue.append(requirement.name)
    return total / 1024 / 1024 + sum(p.stat().st_size for p in (ROOT / "evalbot").rglob("*") if p.is_file()) / 1024 / 1024


def main() -> None:
    texts = [item["text"] for item in yaml.safe_load(DEV_SET.read_text())]
    # Long posts (story first, ask last), as real askers write them: the written letters over 500 characters.
    letters = [item["text"] for path in sorted(WRITTEN.glob("*.yaml")) for item in yaml.safe_load(path.read_text())]
    texts += [text for text in letters if len(text) > LONG][:LONG_POSTS]
    load_start = time.perf_counter()
    brain = Brain.load()
    load_ms = (time.perf_counter() - load_start) * 1000
    routing, answering = route_latencies(brain, texts)
    rounds = len(routing) // len(texts)
    lengths = [len(text) for text in texts] * rounds
    short = [ms for ms, n in zip(answering, lengths) if n <= LONG]
    long = [ms for ms, n in zip(answering, lengths) if n > LONG]
    walls, peak_mb = cold_start()
    rss = worker_rss()
    results = {
        "messages": len(texts),
        "samples": len(routing),
        "knowledge_load_and_index_ms": round(load_ms, 1),
        "routing_ms": {"p50": round(percentile(routing, 50), 3), "p99": round(percentile(routing, 99), 3)},
        "full_answer_ms": {"p50": round(percentile(answering, 50), 3), "p99": round(percentile(answering, 99), 3)},
        "full_answer_ms_up_to_500_chars": {"p50": round(percentile(short, 50), 3), "p99": round(percentile(short, 99), 3),
                                           "samples": len(short)},
        "full_answer_ms_long_posts": {"p50": round(percentile(long, 50), 3), "p99": round(percentile(long, 99), 3),
                                      "samples": len(long)},
        "cold_start_s": {"median": round(statistics.median(walls), 3), "max": round(max(walls), 3), "runs": COLD_RUNS},
        "cli_peak_rss_mb": round(peak_mb, 1),
        "benchmark_process_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "server_rss_mb": rss,
        "venv_mb": round(venv_mb(), 1),
        "runtime_install_mb": round(runtime_mb(), 1),
    }
    out = ROOT / "benchmarks" / "results" / "routing.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    print("| measure | value |\n|---|---|")
    print(f"| routing p50 / p99 (in-process, {results['samples']} samples) | {results['routing_ms']['p50']} ms / {results['routing_ms']['p99']} ms |")
    print(f"| whole answer p50 / p99 | {results['full_answer_ms']['p50']} ms / {results['full_answer_ms']['p99']} ms |")
    for key, label in (("full_answer_ms_up_to_500_chars", "up to 500 characters"), ("full_answer_ms_long_posts", "long posts")):
        print(f"| whole answer p50 / p99, {label} ({results[key]['samples']} samples) | {results[key]['p50']} ms / {results[key]['p99']} ms |")
    print(f"| cold start `evalbot ask --json TEXT` (median of {COLD_RUNS}) | {results['cold_start_s']['median']} s (max {results['cold_start_s']['max']} s) |")
    print(f"| peak memory of that process | {results['cli_peak_rss_mb']} MB |")
    print(f"| knowledge load + index build | {results['knowledge_load_and_index_ms']} ms |")
    print(f"| `serve --http` worker RSS after 200 requests (master) | {max(rss['workers'])} MB ({rss['master']} MB) |")
    print(f"| venv size (with test tools and oracles) | {results['venv_mb']} MB |")
    print(f"| runtime install (evalbot and what it requires) | {results['runtime_install_mb']} MB |")


if __name__ == "__main__":
    main()
