"""Routing benchmark: per-message latency in-process, cold start of the CLI, peak memory.

Run: .venv/bin/python benchmarks/routing.py   (writes benchmarks/results/routing.json)
"""

import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

from evalbot.core.brain import Brain
from evalbot.routing.grammar import parse_command
from evalbot.routing.lexicon import content_words
from evalbot.routing.normalise import normalise, strip_slack

ROOT = Path(__file__).resolve().parent.parent
DEV_SET = ROOT / "tests" / "routing" / "devset.yaml"
COLD_RUNS = 10


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def route_latencies(brain: Brain, texts: list[str], *, rounds: int = 5) -> tuple[list[float], list[float]]:
    """Milliseconds per message: routing alone (normalise, grammar, matcher), and the whole answer."""
    routing, answering = [], []
    for text in texts[:50]:  # warm caches the way a running server would have them
        brain.answer(text)
    for _ in range(rounds):
        for text in texts:
            # Message-level caches would make repeats free; each timing is of an unseen message.
            normalise.cache_clear()
            content_words.cache_clear()
            start = time.perf_counter()
            stripped = strip_slack(text)
            if parse_command(stripped) is None:
                brain.router.route(normalise(stripped))
            routing.append((time.perf_counter() - start) * 1000)
            normalise.cache_clear()
            content_words.cache_clear()
            start = time.perf_counter()
            brain.answer(text)
            answering.append((time.perf_counter() - start) * 1000)
    return routing, answering


def cold_start() -> tuple[list[float], float]:
    """Wall seconds of `python -m evalbot ask --json TEXT` from a fresh process, and its peak RSS in MB."""
    walls = []
    for _ in range(COLD_RUNS):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "evalbot", "ask", "--json", "how do I pitch the eval budget to the board?"],
                       check=True, capture_output=True)
        walls.append(time.perf_counter() - start)
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return walls, peak_kb / 1024


def main() -> None:
    texts = [item["text"] for item in yaml.safe_load(DEV_SET.read_text())]
    load_start = time.perf_counter()
    brain = Brain.load()
    load_ms = (time.perf_counter() - load_start) * 1000
    routing, answering = route_latencies(brain, texts)
    walls, peak_mb = cold_start()
    results = {
        "messages": len(texts),
        "samples": len(routing),
        "knowledge_load_and_index_ms": round(load_ms, 1),
        "routing_ms": {"p50": round(percentile(routing, 50), 3), "p99": round(percentile(routing, 99), 3)},
        "full_answer_ms": {"p50": round(percentile(answering, 50), 3), "p99": round(percentile(answering, 99), 3)},
        "cold_start_s": {"median": round(statistics.median(walls), 3), "max": round(max(walls), 3), "runs": COLD_RUNS},
        "cli_peak_rss_mb": round(peak_mb, 1),
        "benchmark_process_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    out = ROOT / "benchmarks" / "results" / "routing.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    print("| measure | value |\n|---|---|")
    print(f"| routing p50 / p99 (in-process, {results['samples']} samples) | {results['routing_ms']['p50']} ms / {results['routing_ms']['p99']} ms |")
    print(f"| whole answer p50 / p99 | {results['full_answer_ms']['p50']} ms / {results['full_answer_ms']['p99']} ms |")
    print(f"| cold start `evalbot ask --json TEXT` (median of {COLD_RUNS}) | {results['cold_start_s']['median']} s (max {results['cold_start_s']['max']} s) |")
    print(f"| peak memory of that process | {results['cli_peak_rss_mb']} MB |")
    print(f"| knowledge load + index build | {results['knowledge_load_and_index_ms']} ms |")


if __name__ == "__main__":
    main()
