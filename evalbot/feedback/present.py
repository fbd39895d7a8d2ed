"""The report as readable text (a Jinja2 template), JSON for machines, or CSV for spreadsheets."""

import csv
import io
import json
from datetime import UTC, datetime
from importlib.resources import files

from evalbot.drafting.environment import compile_body
from evalbot.feedback.report import Report

CSV_COLUMNS = ["section", "intent", "text", "count", "up", "down", "reasons", "nearest", "low", "high", "answer",
               "expert"]


def _day(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%d")


def as_text(report: Report) -> str:
    template = compile_body(files("evalbot.feedback").joinpath("report.txt.j2").read_text(encoding="utf-8"))
    values = report.model_dump()
    values.update(since=_day(report.since), until=_day(report.until),
                  peak=max((b.count for b in report.confidence), default=0))
    return template.render(**values).rstrip() + "\n"


def as_json(report: Report) -> str:
    """The report's fields; `workspaces` repeats `teams` (Slack's team ids) under the name people use."""
    return json.dumps({**report.model_dump(), "workspaces": report.teams}, ensure_ascii=False, indent=2) + "\n"


def as_csv(report: Report) -> str:
    """One table with a `section` column: workspace (those covered), unanswered, rating, volume, confidence,
    expert_answer."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for team in report.teams:
        writer.writerow({"section": "workspace", "text": team})
    for group in report.unanswered:
        writer.writerow({"section": "unanswered", "text": group.text, "count": group.count,
                         "nearest": " ".join(group.nearest)})
    for rating in report.ratings:
        reasons = " ".join(f"{reason}={count}" for reason, count in sorted(rating.reasons.items()))
        writer.writerow({"section": "rating", "intent": rating.intent, "up": rating.up, "down": rating.down,
                         "count": rating.up + rating.down, "reasons": reasons})
    for row in report.volume:
        writer.writerow({"section": "volume", "intent": row.intent, "count": row.count})
    for bin_ in report.confidence:
        writer.writerow({"section": "confidence", "low": bin_.low, "high": bin_.high, "count": bin_.count})
    for given in report.expert_answers:
        writer.writerow({"section": "expert_answer", "text": given.question, "answer": given.answer,
                         "expert": given.expert})
    return out.getvalue()
