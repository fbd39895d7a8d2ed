"""Understanding benchmark: what finding the ask costs per message, and on hostile input.

Run: .venv/bin/python benchmarks/understanding.py   (writes benchmarks/results/understanding.json)

Each message is timed several times with the message-level caches cleared and the fastest
run kept, so other jobs on the shared cores do not pose as the code's cost.
"""

import json
import time
from pathlib import Path

import yaml

from evalbot.core.brain import Brain
from evalbot.routing.lexicon import content_words
from evalbot.routing.normalise import normalise
from evalbot.understanding import understand

ROOT = Path(__file__).resolve().parent.parent
SETS = [ROOT / "tests" / "routing" / "devset.yaml", ROOT / "tests" / "understanding" / "cases.yaml"]
REPEATS = 5
# The longest text Slack sends (40,000 characters), shaped to stress each step.
HOSTILE = {
    "one run of spaces": "a" + " " * 39_000 + "b",
    "thanks repeated": "thanks " * 5_000 + "x",
    "greeting repeated": "hi " * 10_000 + "how do i pitch",
    "full stops only": "." * 39_000,
    "a sentence repeated": "how do i pitch the board. " * 1_500,
    "one line repeated": "we spend 2M a year.\n" * 1_900,
}


def fastest_ms(action, text: str) -> float:
    runs = []
    for _ in range(REPEATS):
        normalise.cache_clear()
        content_words.cache_clear()
        start = time.perf_counter()
        action(text)
        runs.append((time.perf_counter() - start) * 1000)
    return min(runs)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def main() -> None:
    brain = Brain.load()
    texts = [item["text"] for path in SETS for item in yaml.safe_load(path.read_text(encoding="utf-8"))]
    for text in texts:  # warm the speller's per-word cache the way a running server has it
        brain.answer(text)
    reading = [fastest_ms(lambda t: understand(t, speller=brain.matcher.speller), text) for text in texts]
    answering = [fastest_ms(brain.answer, text) for text in texts]
    hostile = {name: round(fastest_ms(brain.answer, text), 1) for name, text in HOSTILE.items()}
    results = {
        "messages": len(texts),
        "understand_ms": {"p50": round(percentile(reading, 50), 3), "p99": round(percentile(reading, 99), 3)},
        "whole_answer_ms": {"p50": round(percentile(answering, 50), 3), "p99": round(percentile(answering, 99), 3)},
        "hostile_whole_answer_ms": hostile,
    }
    (ROOT / "benchmarks" / "results" / "understanding.json").write_text(json.dumps(results, indent=2) + "\n")
    print(f"| measure ({len(texts)} messages, fastest of {REPEATS}) | p50 | p99 |\n|---|---|---|")
    print(f"| understand() | {results['understand_ms']['p50']} ms | {results['understand_ms']['p99']} ms |")
    print(f"| whole answer | {results['whole_answer_ms']['p50']} ms | {results['whole_answer_ms']['p99']} ms |")
    for name, ms in hostile.items():
        print(f"| 40,000 characters: {name} | {ms} ms | |")


if __name__ == "__main__":
    main()
