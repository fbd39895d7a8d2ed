"""👍/👎 on an answer: one vote per person per answer (a second click replaces it), and a 👎's reason."""

import time
from collections.abc import Callable
from enum import StrEnum

from sqlalchemy import Engine, insert, select, update
from sqlalchemy.exc import IntegrityError

from evalbot.feedback.privacy import scrub
from evalbot.store.schema import questions, votes


class Vote(StrEnum):
    UP = "up"
    DOWN = "down"


class Reason(StrEnum):
    """Why an answer did not help: the choices a 👎 offers."""

    WRONG_TOPIC = "wrong-topic"
    NOT_SPECIFIC = "not-specific"
    WRONG_NUMBERS = "wrong-numbers"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {"wrong-topic": "Wrong topic", "not-specific": "Not specific enough",
                "wrong-numbers": "Wrong numbers", "other": "Something else"}[self.value]


class VoteBook:
    """Votes in the state store.

    Args:
        engine: the state store's engine.
        clock: UNIX seconds.
    """

    def __init__(self, *, engine: Engine, clock: Callable[[], float] = time.time):
        self.engine, self._clock = engine, clock

    def record(self, *, reply_ref: str, user_hash: str, team_id: str | None, vote: Vote,
               intent: str, confidence: float) -> None:
        """Store (or replace) this person's vote on the answer `reply_ref`, with the question it answered."""
        with self.engine.begin() as connection:
            asked = connection.execute(select(questions.c.text).where(questions.c.reply_ref == reply_ref)).first()
            values = {"voted_at": self._clock(), "team_id": team_id, "intent": intent,
                      "confidence": round(confidence, 4), "question": asked.text if asked else None,
                      "vote": vote.value, "reason": None, "comment": None}
            mine = (votes.c.reply_ref == reply_ref) & (votes.c.user_hash == user_hash)
            if connection.execute(update(votes).where(mine).values(**values)).rowcount:
                return
            try:
                with connection.begin_nested():
                    connection.execute(insert(votes).values(reply_ref=reply_ref, user_hash=user_hash, **values))
            except IntegrityError:  # a double click raced us: the other insert holds this vote
                connection.execute(update(votes).where(mine).values(**values))

    def give_reason(self, *, reply_ref: str, user_hash: str, reason: Reason, comment: str | None) -> bool:
        """Attach a reason (and free text) to this person's 👎; False when there is no such vote."""
        mine = (votes.c.reply_ref == reply_ref) & (votes.c.user_hash == user_hash) & (votes.c.vote == Vote.DOWN.value)
        with self.engine.begin() as connection:
            changed = connection.execute(
                update(votes).where(mine).values(reason=reason.value, comment=scrub(comment) if comment else None)
            ).rowcount
        return bool(changed)
