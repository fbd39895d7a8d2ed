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
class Verdict:
    """What a reply said about one message: its intent, its confidence and its kind (a card, choices, a decline)."""

    intent: str
    confidence: float = 1.0
    kind: str = "topic"

    @property
    def offers_choices(self) -> bool:
        return self.kind == "clarify"

    @property
    def full_card(self) -> bool:
        """A reply that answers with a card on a topic (not choices, not a decline, not an input error)."""
        return self.kind not in {"clarify", OUT_OF_SCOPE, "error"}


@dataclass(frozen=True, kw_only=True)
class Report:
    in_scope_accuracy: Rate
    oos_recall: Rate
    oos_precision: Rate
    false_rejection: Rate
    confusions: list[tuple[str, str, int]]
    # Share of all replies that offer choices instead of a card, and that show a full card on the wrong topic.
    choice_rate: Rate | None = None
    confidently_wrong: Rate | None = None
    # Expected calibration error of confidence against being right, and the AUROC of confidence for right vs wrong.
    calibration_error: float | None = None
    auroc: float | None = None


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
    """Score `predict(text)` on `items`; a prediction is right if it is any accepted intent.

    `predict` returns an intent id, or a `Verdict` (then the confidence figures are measured too).
    """
    in_total = in_hits = rejected = oos_total = oos_hits = predicted_oos = 0
    confusions: Counter[tuple[str, str]] = Counter()
    verdicts: list[tuple[Verdict, bool]] = []
    measured = True
    for item in items:
        verdict = predict(item.text)
        measured = measured and isinstance(verdict, Verdict)
        verdict = verdict if isinstance(verdict, Verdict) else Verdict(intent=verdict)
        got = verdict.intent
        verdicts.append((verdict, got in item.intents))
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
        **(_confidence_figures(verdicts) if measured and verdicts else {}),
    )


def _confidence_figures(verdicts: list[tuple[Verdict, bool]]) -> dict:
    return {
        "choice_rate": Rate(hits=sum(v.offers_choices for v, _ in verdicts), total=len(verdicts)),
        "confidently_wrong": Rate(hits=sum(v.full_card and not right for v, right in verdicts), total=len(verdicts)),
        "calibration_error": reliability([(v.confidence, right) for v, right in verdicts])[0],
        "auroc": auroc([v.confidence for v, right in verdicts if right], [v.confidence for v, right in verdicts if not right]),
    }


def reliability(pairs: list[tuple[float, bool]], *, bins: int = 10) -> tuple[float, list[tuple[float, float, int]]]:
    """Expected calibration error and per-bin (mean confidence, accuracy, count) of (confidence, right) pairs."""
    table, error = [], 0.0
    for b in range(bins):
        chosen = [(c, r) for c, r in pairs if b / bins <= c < (b + 1) / bins or (b == bins - 1 and c == 1.0)]
        if chosen:
            confidence = sum(c for c, _ in chosen) / len(chosen)
            accuracy = sum(r for _, r in chosen) / len(chosen)
            table.append((confidence, accuracy, len(chosen)))
            error += len(chosen) / len(pairs) * abs(confidence - accuracy)
    return error, table


def auroc(positives: list[float], negatives: list[float]) -> float | None:
    """The chance that a right reply's confidence exceeds a wrong one's (ties count half); None without both."""
    if not positives or not negatives:
        return None
    wins = sum((p > n) + 0.5 * (p == n) for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


REPORT_WIDTH = 80  # the report reads in an 80-column terminal, and in a CI log


def format_comparison(reports: dict[str, Report], *, source: str, count: int) -> str:
    """One set's reports, one block per router (fits 80 columns), then the last one's top confusions."""
    lines = textwrap.wrap(f"Routing evaluation on {count} labelled messages ({source})", REPORT_WIDTH,
                          subsequent_indent="  ", break_on_hyphens=False)
    for name, report in reports.items():
        lines.append(f"{name}:")
        for label, field in ROWS:
            rate = getattr(report, field)
            if rate is not None and rate.total:
                lines.append(f"  {label:<24}{rate.describe().strip()}")
        if report.calibration_error is not None:
            auc = "n/a" if report.auroc is None else f"{report.auroc:.3f}"
            lines.append(f"  {'calibration error (ECE)':<24}{report.calibration_error:.3f}   AUROC right vs wrong {auc}")
    last = reports[list(reports)[-1]]
    if last.confusions:
        lines.append(f"Top confusions, {list(reports)[-1]} (expected -> got: count):")
        lines += [f"  {expected} -> {got}: {n}" for expected, got, n in last.confusions]
    return "\n".join(lines)


ROWS = [
    ("in-scope top-1 accuracy", "in_scope_accuracy"),
    ("out-of-scope recall", "oos_recall"),
    ("out-of-scope precision", "oos_precision"),
    ("false-rejection rate", "false_rejection"),
    ("replies with choices", "choice_rate"),
    ("confidently wrong", "confidently_wrong"),
]
