"""The knowledge-gap report: what people asked that evalbot could not answer, and how its answers were rated."""

import json
import time
from datetime import UTC, datetime
from collections import Counter, defaultdict

from pydantic import BaseModel, Field
from sqlalchemy import Engine, func, select, union

from evalbot.feedback.grouping import group_questions
from evalbot.feedback.retention import DAY
from evalbot.handoff.book import ExpertAnswer, answers_since
from evalbot.store.schema import questions, votes

# Confidence histogram edges: ten bins of 0.1.
BINS = 10


class Unanswered(BaseModel):
    text: str
    count: int
    nearest: list[str]
    phrasings: list[str]


class Rating(BaseModel):
    intent: str
    up: int
    down: int
    reasons: dict[str, int]
    comments: list[str]


class Volume(BaseModel):
    intent: str
    count: int


class DailyVolume(BaseModel):
    day: str  # YYYY-MM-DD, UTC
    intent: str
    count: int


class ConfidenceBin(BaseModel):
    low: float
    high: float
    count: int


class Report(BaseModel):
    """Everything `evalbot report` shows, for `days` days up to `until` (UNIX seconds).

    `teams` names the workspaces it covers: the ones asked for, else every workspace
    with a question or vote in the period (questions asked outside any workspace, from
    a single-token install that named none, show as "-").
    """

    days: int
    teams: list[str]
    since: float
    until: float
    questions: int
    unanswered: list[Unanswered]
    ratings: list[Rating]
    volume: list[Volume]
    confidence: list[ConfidenceBin]
    # What people answered through "Ask a person" (candidate answers for the knowledge).
    expert_answers: list[ExpertAnswer] = Field(default_factory=list)
    # Questions per day and intent (UTC days), for the volume-over-time chart of `--html`.
    timeline: list[DailyVolume] = Field(default_factory=list)


def build_report(engine: Engine, *, days: int, now: float | None = None, top: int = 20,
                 teams: list[str] | None = None) -> Report:
    """Read the last `days` days of questions and votes into a `Report` (top `top` unanswered groups).

    Args:
        teams: only these workspaces' questions and votes; None for all of them.
    """
    until = time.time() if now is None else now
    since = until - days * DAY
    asked_in = questions.c.asked_at >= since
    voted_in = votes.c.voted_at >= since
    if teams is not None:
        asked_in &= questions.c.team_id.in_(teams)
        voted_in &= votes.c.team_id.in_(teams)
    with engine.connect() as connection:
        asked = connection.execute(
            select(questions.c.text, questions.c.nearest, questions.c.unanswered, questions.c.intent,
                   questions.c.confidence, questions.c.asked_at).where(asked_in).order_by(questions.c.asked_at)
        ).all()
        voted = connection.execute(select(votes.c.intent, votes.c.vote, votes.c.reason, votes.c.comment)
                                   .where(voted_in)).all()
        volume = connection.execute(
            select(questions.c.intent, func.count()).where(asked_in)
            .group_by(questions.c.intent).order_by(func.count().desc(), questions.c.intent)
        ).all()
        covered = sorted(teams) if teams is not None else _teams_seen(connection, asked_in, voted_in)
        experts = answers_since(connection, since, teams=teams)
    groups = group_questions([(row.text or "", json.loads(row.nearest or "[]")) for row in asked if row.unanswered])
    return Report(
        days=days, teams=covered, since=since, until=until, questions=len(asked),
        unanswered=[Unanswered(text=g.phrasings(1)[0], count=g.count, nearest=[i for i, _ in g.nearest.most_common(3)],
                               phrasings=g.phrasings()) for g in groups[:top]],
        ratings=_ratings(voted),
        volume=[Volume(intent=intent, count=count) for intent, count in volume],
        confidence=_histogram([row.confidence for row in asked]),
        expert_answers=experts,
        timeline=_timeline(asked),
    )


def _timeline(rows) -> list[DailyVolume]:
    per_day = Counter((datetime.fromtimestamp(row.asked_at, UTC).strftime("%Y-%m-%d"), row.intent) for row in rows)
    return [DailyVolume(day=day, intent=intent, count=count) for (day, intent), count in sorted(per_day.items())]


def _teams_seen(connection, asked_in, voted_in) -> list[str]:
    seen = union(select(questions.c.team_id).where(asked_in), select(votes.c.team_id).where(voted_in))
    return sorted(team or "-" for team in connection.execute(seen).scalars())


def _ratings(rows) -> list[Rating]:
    tally: dict[str, Counter] = defaultdict(Counter)
    reasons: dict[str, Counter] = defaultdict(Counter)
    comments: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        tally[row.intent][row.vote] += 1
        if row.reason:
            reasons[row.intent][row.reason] += 1
        if row.comment:
            comments[row.intent].append(row.comment)
    ratings = [Rating(intent=intent, up=c["up"], down=c["down"], reasons=dict(reasons[intent]),
                      comments=comments[intent][:5]) for intent, c in tally.items()]
    # Worst first: most 👎, then the lowest share of 👍.
    return sorted(ratings, key=lambda r: (-r.down, r.up / max(1, r.up + r.down), r.intent))


def _histogram(values: list[float]) -> list[ConfidenceBin]:
    counts = Counter(min(int(value * BINS), BINS - 1) for value in values)
    return [ConfidenceBin(low=i / BINS, high=(i + 1) / BINS, count=counts[i]) for i in range(BINS)]
