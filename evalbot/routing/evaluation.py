"""Routing self-evaluation: accuracy and out-of-scope detection on a labelled set, with Wilson intervals."""

import json
import textwrap
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from evalbot.core.reply import OUT_OF_SCOPE
from evalbot.errors import CommandError
from evalbot.stats import wilson_interval


@dataclass(frozen=True, kw_only=True)
class Labelled:
    """A message and every intent a careful reader would accept for it (or just out-of-scope)."""

    text: str
    intents: tuple[str, ...]
    split: str | None = None

    @property
    def out_of_scope(self) -> bool:
        return OUT_OF_SCOPE in self.intents


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
        intents = record.get("intents", [record.get("intent")]) if isinstance(record, dict) else None
        if not isinstance(record, dict) or not isinstance(record.get("text"), str) or not isinstance(intents, list) \
                or not intents or not all(isinstance(i, str) for i in intents):
            raise CommandError(f"{path}: record {index} needs a string `text` and an `intent` (or a list `intents`)",
                               field="FILE", example='{"text": "how do I pitch the board?", "intent": "board-pitch"}')
        split = record.get("split")
        items.append(Labelled(text=record["text"], intents=tuple(intents), split=split if isinstance(split, str) else None))
    return items


def check_labels(items: list[Labelled], known: set[str], *, source: str) -> None:
    """Raise a CommandError naming the first label that is neither a known intent id nor out-of-scope."""
    for index, item in enumerate(items, start=1):
        for intent in item.intents:
            if intent != OUT_OF_SCOPE and intent not in known:
                raise CommandError(f"{source}: record {index} has the unknown intent `{intent}`",
                                   field="intent", example="evalbot topics lists every id")


def evaluate(items: list[Labelled], predict) -> Report:
    """Score `predict(text) -> intent` on `items`; a prediction is right if it is any accepted intent."""
    in_total = in_hits = rejected = oos_total = oos_hits = predicted_oos = 0
    confusions: Counter[tuple[str, str]] = Counter()
    for item in items:
        got = predict(item.text)
        predicted_oos += got == OUT_OF_SCOPE
        if item.out_of_scope:
            oos_total += 1
            oos_hits += got == OUT_OF_SCOPE
        else:
            in_total += 1
            in_hits += got in item.intents
            rejected += got == OUT_OF_SCOPE
        if got not in item.intents:
            confusions[(item.intents[0], got)] += 1
    return Report(
        in_scope_accuracy=Rate(hits=in_hits, total=in_total),
        oos_recall=Rate(hits=oos_hits, total=oos_total),
        oos_precision=Rate(hits=oos_hits, total=predicted_oos),
        false_rejection=Rate(hits=rejected, total=in_total),
        confusions=[(a, b, n) for (a, b), n in confusions.most_common(10)],
    )


REPORT_WIDTH = 80  # the report reads in an 80-column terminal, and in a CI log


def format_comparison(reports: dict[str, Report], *, source: str, count: int) -> str:
    """One set's reports (e.g. lexical only and fused), measure by measure, then the last one's top confusions.

    Each measure is a heading with one line per report beneath it, so the report fits 80 columns.
    """
    names = list(reports)
    rows = [
        ("in-scope top-1 accuracy", "in_scope_accuracy"),
        ("out-of-scope recall", "oos_recall"),
        ("out-of-scope precision", "oos_precision"),
        ("false-rejection rate", "false_rejection"),
    ]
    name_width = max(len(name) for name in names) + 2
    lines = textwrap.wrap(f"Routing evaluation on {count} labelled messages ({source})", REPORT_WIDTH,
                          subsequent_indent="  ", break_on_hyphens=False)
    for label, field in rows:
        lines.append(f"  {label}")
        lines += [f"    {name:<{name_width}}{getattr(reports[name], field).describe()}" for name in names]
    last = reports[names[-1]]
    if last.confusions:
        lines.append(f"Top confusions, {names[-1]} (expected -> got: count):")
        lines += [f"  {expected} -> {got}: {n}" for expected, got, n in last.confusions]
    return "\n".join(lines)
