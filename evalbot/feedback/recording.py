"""The question log: every question answered over Slack, and which ones evalbot could not answer.

A question is *unanswered* when it was routed out of scope, answered with low
confidence, or answered with "did you mean" choices. Its nearest intents are kept
so the report can say what it was close to. Retention applies here too (`retention`).
"""

import json
import secrets
import time
from collections.abc import Callable

from sqlalchemy import Connection, Engine, insert

from evalbot.core.reply import OUT_OF_SCOPE, Reply, ReplyKind
from evalbot.feedback.privacy import installation_salt, scrub, user_hash
from evalbot.feedback.retention import Retention
from evalbot.store.schema import questions

# Below this routing confidence (a calibrated probability) an answer counts as unanswered.
LOW_CONFIDENCE = 0.5
# Kinds that are not questions about the knowledge: nothing to learn from logging them.
_NOT_LOGGED = {ReplyKind.ERROR}


def new_reply_ref() -> str:
    """The id that ties an answer's feedback buttons to its logged question."""
    return secrets.token_hex(8)


def nearest_intents(reply: Reply) -> list[str]:
    """The intents a reply offered as alternatives ("did you mean"), best first."""
    return [choice.intent for choice in reply.did_you_mean]


def is_unanswered(reply: Reply) -> bool:
    return reply.intent == OUT_OF_SCOPE or reply.confidence < LOW_CONFIDENCE or bool(reply.did_you_mean)


def wants_logging(reply: Reply) -> bool:
    """Error replies (bad input, rate limits, apologies) are not questions evalbot was asked to know."""
    return reply.kind not in _NOT_LOGGED


class QuestionLog:
    """Records questions in the state store; purges what is past retention now and then.

    Args:
        engine: the state store's engine.
        retention_days: EVALBOT_RETENTION_DAYS.
        clock: UNIX seconds; tests pass a fake.
    """

    def __init__(self, *, engine: Engine, retention_days: int, clock: Callable[[], float] = time.time):
        self.engine = engine
        self._clock = clock
        self._salt: str | None = None
        self.retention = Retention(engine=engine, days=retention_days, clock=clock)

    def load_salt(self) -> None:
        """Read (or make, once per installation) the salt now: recording inside a caller's transaction
        then never needs a second connection, which SQLite would make wait on the first's lock."""
        if self._salt is None:
            self._salt = installation_salt(self.engine)

    def hash_user(self, user_id: str) -> str:
        self.load_salt()
        return user_hash(self._salt, user_id)

    def record(self, reply: Reply, *, question: str, user: str | None, team: str | None,
               reply_ref: str, connection: Connection | None = None) -> None:
        """Log one answered question; pass `connection` to share the caller's transaction."""
        if not wants_logging(reply):
            return
        unanswered = is_unanswered(reply)
        row = {
            "asked_at": self._clock(),
            "user_hash": self.hash_user(user) if user else None,
            "team_id": team,
            "intent": reply.intent,
            "confidence": round(reply.confidence, 4),
            "unanswered": unanswered,
            "text": scrub(question),
            "nearest": json.dumps(nearest_intents(reply)) if unanswered else None,
            "reply_ref": reply_ref,
        }
        if connection is not None:
            # The answer's transaction is kept short: the sender's housekeeping purges (`Retention`).
            connection.execute(insert(questions), row)
            return
        with self.engine.begin() as own:
            own.execute(insert(questions), row)
        self.retention.maybe_purge()
