"""The report as one HTML page: the facts as tables and text, the charts drawn by the inlined Chart.js."""

import json
from collections import Counter
from datetime import UTC, datetime
from functools import lru_cache
from importlib.resources import files

from jinja2 import Environment, StrictUndefined

from evalbot.feedback.report import Report

PAGE = files("evalbot.feedback.page")
TOP_TOPICS = 8  # topics drawn in the volume chart; the rest are summed as "other"
# The only web addresses in Chart.js: comments in its banners. Written without their scheme.
_BANNER_ADDRESSES = ("https://www.chartjs.org", "https://github.com/kurkle/color#readme")


@lru_cache(maxsize=1)
def _environment() -> Environment:
    """HTML is autoescaped; a misspelt variable is an error (StrictUndefined)."""
    return Environment(autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


@lru_cache(maxsize=1)
def chart_library() -> str:
    """Chart.js, ready to inline: its banner addresses without a scheme, and no `</script>` inside."""
    source = PAGE.joinpath("chart.umd.min.js").read_text(encoding="utf-8")
    for address in _BANNER_ADDRESSES:
        source = source.replace(address, address.split("://", 1)[1])
    return source.replace("</", "<\\/")


def _label(text: str, limit: int = 40) -> str:
    """A chart axis label: the question's start (the whole question is in the table below)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _day(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%d")


def chart_data(report: Report) -> dict:
    """What the four charts draw: volume per topic per day, ratings per topic, confidence bins, gaps."""
    totals = Counter()
    for row in report.timeline:
        totals[row.intent] += row.count
    top = [intent for intent, _ in totals.most_common(TOP_TOPICS)]
    days = sorted({row.day for row in report.timeline})
    series = {intent: [0] * len(days) for intent in [*top, "other"]}
    for row in report.timeline:
        series[row.intent if row.intent in top else "other"][days.index(row.day)] += row.count
    return {
        "volume": {"days": days, "series": [{"intent": i, "counts": c} for i, c in series.items() if any(c)]},
        "ratings": [{"intent": r.intent, "up": r.up, "down": r.down} for r in report.ratings],
        "confidence": [{"bin": f"{b.low:.1f}-{b.high:.1f}", "count": b.count} for b in report.confidence],
        "gaps": [{"text": _label(g.text), "count": g.count} for g in report.unanswered[:10]],
    }


def as_html(report: Report) -> str:
    """One self-contained page: nothing loaded from anywhere, readable offline."""
    template = _environment().from_string(PAGE.joinpath("report.html.j2").read_text(encoding="utf-8"))
    data = json.dumps(chart_data(report), ensure_ascii=False).replace("</", "<\\/")
    unanswered = sum(group.count for group in report.unanswered)
    return template.render(report=report, since=_day(report.since), until=_day(report.until),
                           unanswered=unanswered, day=_day, data=data, chart_js=chart_library(),
                           up=sum(r.up for r in report.ratings), down=sum(r.down for r in report.ratings))
