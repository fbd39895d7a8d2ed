"""Hand-offs and experts' answers in the state store (tables `handoffs`, `expert_answers`)."""

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from pydantic import BaseModel
from sqlalchemy import Connection, Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from evalbot.feedback.privacy import scrub
from evalbot.store.schema import expert_answers, handoffs


@dataclass(frozen=True, kw_only=True)
class Handoff:
    """A question sent to the experts, and where their answers go back."""

    id: int
    team_id: str | None
    asker: str | None
    question: str
    reply_channel: str
    reply_thread_ts: str | None


class ExpertAnswer(BaseModel):
    """One answer a person gave through "Ask a person", as the report lists it."""

    question: str
    answer: str
    expert: str  # Slack user id
    team_id: str | None = None
    asked_at: float
    answered_at: float


class HandoffBook:
    """The hand-offs of the state store.

    Retention (`EVALBOT_RETENTION_DAYS`) deletes old hand-offs and answers with the questions
    (`evalbot.feedback.retention`).

    Args:
        engine: the state store's engine.
        clock: wall-clock seconds; tests pass a fake.
    """

    def __init__(self, *, engine: Engine, clock: Callable[[], float] = time.time):
        self.engine = engine
        self._clock = clock

    def open(self, *, offer_key: str, team_id: str | None, asker: str | None, question: str,
             reply_channel: str, reply_thread_ts: str | None, experts_channel: str) -> int | None:
        """Record a new hand-off; its id, or None when this offer was handed off already (a second click)."""
        now = self._clock()
        row = {"offer_key": offer_key, "team_id": team_id, "asker": asker, "question": scrub(question),
               "reply_channel": reply_channel, "reply_thread_ts": reply_thread_ts,
               "experts_channel": experts_channel, "asked_at": now}
        try:
            with self.engine.begin() as connection:
                return connection.execute(insert(handoffs).returning(handoffs.c.id), row).scalar_one()
        except IntegrityError:
            return None

    def posted(self, handoff_id: int, *, experts_ts: str) -> None:
        """The question is in the experts channel at `experts_ts`: replies in its thread are answers."""
        with self.engine.begin() as connection:
            connection.execute(update(handoffs).where(handoffs.c.id == handoff_id).values(experts_ts=experts_ts))

    def cancel(self, handoff_id: int) -> None:
        """The question could not be posted: forget the hand-off, so the button can be clicked again."""
        with self.engine.begin() as connection:
            connection.execute(delete(handoffs).where(handoffs.c.id == handoff_id))

    @staticmethod
    def in_thread(connection: Connection, *, experts_channel: str, thread_ts: str) -> Handoff | None:
        """The hand-off whose question starts the experts' thread `thread_ts`, if any."""
        row = connection.execute(
            select(handoffs).where(handoffs.c.experts_channel == experts_channel, handoffs.c.experts_ts == thread_ts)
        ).first()
        if row is None:
            return None
        return Handoff(id=row.id, team_id=row.team_id, asker=row.asker, question=row.question,
                       reply_channel=row.reply_channel, reply_thread_ts=row.reply_thread_ts)

    def record_answer(self, connection: Connection, handoff: Handoff, *, expert: str, answer: str) -> None:
        """Keep an expert's answer (inside the transaction that posts it back)."""
        connection.execute(insert(expert_answers), {
            "handoff_id": handoff.id, "team_id": handoff.team_id, "expert": expert, "answer": scrub(answer),
            "answered_at": self._clock(),
        })


def answers_since(connection: Connection, since: float, *, teams: Iterable[str] | None = None) -> list[ExpertAnswer]:
    """Every expert's answer given since `since` (UNIX seconds), oldest first; only `teams`' when given."""
    query = (select(handoffs.c.question, handoffs.c.asked_at, expert_answers.c.answer, expert_answers.c.expert,
                    expert_answers.c.team_id, expert_answers.c.answered_at)
             .join(handoffs, handoffs.c.id == expert_answers.c.handoff_id)
             .where(expert_answers.c.answered_at >= since).order_by(expert_answers.c.answered_at))
    if teams is not None:
        query = query.where(expert_answers.c.team_id.in_(list(teams)))
    return [ExpertAnswer(question=row.question, answer=row.answer, expert=row.expert, team_id=row.team_id,
                         asked_at=row.asked_at, answered_at=row.answered_at)
            for row in connection.execute(query)]


def question_of(engine: Engine, reply_ref: str) -> str | None:
    """The question (as logged, redacted) that the answer `reply_ref` answered, if it was logged."""
    from evalbot.store.schema import questions

    with engine.connect() as connection:
        return connection.execute(select(questions.c.text).where(questions.c.reply_ref == reply_ref)).scalar()


def forget_asker_and_expert(engine: Engine, user: str) -> int:
    """Delete the hand-offs `user` asked (with their answers) and the answers `user` gave; rows deleted."""
    with engine.begin() as connection:
        asked = select(handoffs.c.id).where(handoffs.c.asker == user)
        deleted = connection.execute(delete(expert_answers).where(
            (expert_answers.c.expert == user) | expert_answers.c.handoff_id.in_(asked))).rowcount
        return deleted + connection.execute(delete(handoffs).where(handoffs.c.asker == user)).rowcount
