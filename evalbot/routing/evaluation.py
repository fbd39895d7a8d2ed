"""Routing self-evaluation: accuracy and out-of-scope detection on a labelled set, with Wilson intervals."""

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from evalbot.core.reply import OUT_OF_SCOPE
from evalbot.errors import CommandError
from evalbot.stats import wilson_interval


@dataclass(frozen=True, kw_only=True)
class Labelled:
    text: str
    intent: str


@dataclass(frozen=True, kw_only=True)
class Rate:
    hits: int
    total: int

    @property
    def value(self) -> float:
        return self.hits / self.total if self.total else 0.0

    def interval(self) -> tuple[float, float]:
        return wilson_interval(self.hits, self.total) if self.total else (0.0, 0.0)

    def describe(self) -> str:
        low, high = self.interval()
        return f"{self.value:6.1%}  ({self.hits}/{self.total}; 95% CI {low:.1%}-{high:.1%})"


@dataclass(frozen=True, kw_only=True)
class Report:
    in_scope_accuracy: Rate
    oos_recall: Rate
    oos_precision: Rate
    false_rejection: Rate
    confusions: list[tuple[str, str, int]]


def load_labelled(path: Path) -> list[Labelled]:
    """Read a YAML list or JSON Lines of `{text, intent}`.

    Raises:
        CommandError: naming the file and the record at fault.
    """
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as e:
        raise CommandError(f"cannot read {path}: {e.strerror}", field="FILE", example="evalbot eval tests/routing/devset.yaml") from e
    try:
        if path.suffix in {".jsonl", ".ndjson"}:
            records = [json.loads(line) for line in raw.splitlines() if line.strip()]
        else:
            records = yaml.safe_load(raw)
    except (ValueError, yaml.YAMLError) as e:
        raise CommandError(f"{path} is not valid YAML or JSON Lines: {e}", field="FILE") from e
    if not isinstance(records, list):
        raise CommandError(f"{path} must hold a list of {{text, intent}} records", field="FILE")
    items = []
    for index, record in enumerate(records, start=1):
        if not isinstance(record, dict) or not isinstance(record.get("text"), str) or not isinstance(record.get("intent"), str):
            raise CommandError(f"{path}: record {index} needs string fields `text` and `intent`", field="FILE")
        items.append(Labelled(text=record["text"], intent=record["intent"]))
    return items


def evaluate(items: list[Labelled], predict) -> Report:
    """Score `predict(text) -> intent` on `items`."""
    in_total = in_hits = rejected = oos_total = oos_hits = predicted_oos = 0
    confusions: Counter[tuple[str, str]] = Counter()
    for item in items:
        got = predict(item.text)
        if got == OUT_OF_SCOPE:
            predicted_oos += 1
        if item.intent == OUT_OF_SCOPE:
            oos_total += 1
            oos_hits += got == OUT_OF_SCOPE
        else:
            in_total += 1
            in_hits += got == item.intent
            rejected += got == OUT_OF_SCOPE
        if got != item.intent:
            confusions[(item.intent, got)] += 1
    return Report(
        in_scope_accuracy=Rate(hits=in_hits, total=in_total),
        oos_recall=Rate(hits=oos_hits, total=oos_total),
        oos_precision=Rate(hits=oos_hits, total=predicted_oos),
        false_rejection=Rate(hits=rejected, total=in_total),
        confusions=[(a, b, n) for (a, b), n in confusions.most_common(10)],
    )


def format_report(report: Report, *, source: str, count: int) -> str:
    lines = [
        f"Routing evaluation on {count} labelled messages ({source})",
        f"  in-scope top-1 accuracy   {report.in_scope_accuracy.describe()}",
        f"  out-of-scope recall       {report.oos_recall.describe()}",
        f"  out-of-scope precision    {report.oos_precision.describe()}",
        f"  false-rejection rate      {report.false_rejection.describe()}",
    ]
    if report.confusions:
        lines.append("Top confusions (expected -> got: count):")
        lines += [f"  {expected} -> {got}: {n}" for expected, got, n in report.confusions]
    return "\n".join(lines)
