"""`evalbot forget`: everything kept of one person, gone, with a count for each place it was kept.

A person's words live in five places: the question log, their votes (with any comment),
other people's votes on their answers (which copy the question those answered), the
conversations they had (keyed by their Slack id, holding what they asked and the
calculators' inputs), and answers to them not yet sent (the outbox). Answers already sent
are deleted with them: the outbox keeps them an hour only for inspection.
"""

from dataclasses import dataclass

from sqlalchemy import Engine, delete, select, update

from evalbot.store.schema import conversations, outbox, questions, votes

_UNSENT = ("pending", "sending")


@dataclass(frozen=True, kw_only=True)
class Forgotten:
    """How many rows of each kind were deleted (or, for others' votes, cleared of the person's question)."""

    questions: int
    votes: int
    others_votes_cleared: int
    conversations: int
    unsent_answers: int
    sent_answers: int


def forget_person(engine: Engine, *, user_id: str, user_hash: str) -> Forgotten:
    """Delete what is kept of the person `user_id` (whose salted hash is `user_hash`), in one transaction."""
    theirs = select(questions.c.reply_ref).where(questions.c.user_hash == user_hash,
                                                 questions.c.reply_ref.is_not(None))
    with engine.begin() as connection:
        cleared = connection.execute(
            update(votes).where(votes.c.reply_ref.in_(theirs), votes.c.user_hash != user_hash,
                                votes.c.question.is_not(None)).values(question=None)).rowcount
        mine = outbox.c.user_hash == user_hash
        return Forgotten(
            others_votes_cleared=cleared,
            questions=connection.execute(delete(questions).where(questions.c.user_hash == user_hash)).rowcount,
            votes=connection.execute(delete(votes).where(votes.c.user_hash == user_hash)).rowcount,
            # Conversation keys end with the person's Slack id (`slack:TEAM:CHANNEL:THREAD:USER`).
            conversations=connection.execute(delete(conversations).where(
                conversations.c.key.startswith("slack:"),
                conversations.c.key.endswith(f":{user_id}", autoescape=True))).rowcount,
            unsent_answers=connection.execute(delete(outbox).where(mine, outbox.c.status.in_(_UNSENT))).rowcount,
            sent_answers=connection.execute(delete(outbox).where(mine)).rowcount,
        )
