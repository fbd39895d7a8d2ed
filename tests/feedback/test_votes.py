"""Votes: one per person per answer, replaced on a second click; a 👎's reason attaches to it."""

from sqlalchemy import select

from evalbot.core.reply import Reply, ReplyKind
from evalbot.feedback.recording import QuestionLog
from evalbot.feedback.votes import Reason, Vote, VoteBook
from evalbot.store.schema import votes


def _votes(store):
    with store.engine.connect() as connection:
        return connection.execute(select(votes).order_by(votes.c.id)).mappings().all()


def test_a_vote_carries_the_question_it_rates(store, clock):
    """The vote row copies the logged question (scrubbed) by the answer's reference."""
    QuestionLog(engine=store.engine, retention_days=90, clock=clock).record(
        Reply(intent="roi", kind=ReplyKind.CALCULATOR, confidence=1.0, title="ROI"),
        question="roi for a 2M team, mail bob@example.com", user="U1", team="T1", reply_ref="ref1")
    VoteBook(engine=store.engine, clock=clock).record(reply_ref="ref1", user_hash="h1", team_id="T1", vote=Vote.UP,
                                                      intent="roi", confidence=1.0)
    [row] = _votes(store)
    assert (row["vote"], row["intent"], row["question"]) == ("up", "roi", "roi for a 2M team, mail [email]")


def test_a_second_click_replaces_the_first(store, clock):
    """👍 then 👎 by the same person on the same answer leaves one 👎; another person adds a row."""
    book = VoteBook(engine=store.engine, clock=clock)
    book.record(reply_ref="r", user_hash="h1", team_id=None, vote=Vote.UP, intent="x", confidence=0.7)
    book.record(reply_ref="r", user_hash="h1", team_id=None, vote=Vote.DOWN, intent="x", confidence=0.7)
    book.record(reply_ref="r", user_hash="h2", team_id=None, vote=Vote.UP, intent="x", confidence=0.7)
    assert [(r["user_hash"], r["vote"]) for r in _votes(store)] == [("h1", "down"), ("h2", "up")]


def test_a_reason_needs_a_thumbs_down(store, clock):
    """A reason attaches to the person's 👎 (comment scrubbed), never to a 👍 or someone else's vote."""
    book = VoteBook(engine=store.engine, clock=clock)
    book.record(reply_ref="r", user_hash="h1", team_id=None, vote=Vote.DOWN, intent="x", confidence=0.7)
    book.record(reply_ref="r", user_hash="h2", team_id=None, vote=Vote.UP, intent="x", confidence=0.7)
    assert book.give_reason(reply_ref="r", user_hash="h1", reason=Reason.WRONG_NUMBERS,
                            comment="used 10% not 8%, ping ada@example.com")
    assert not book.give_reason(reply_ref="r", user_hash="h2", reason=Reason.OTHER, comment=None)
    assert not book.give_reason(reply_ref="nope", user_hash="h1", reason=Reason.OTHER, comment=None)
    down, up = _votes(store)
    assert (down["reason"], down["comment"]) == ("wrong-numbers", "used 10% not 8%, ping [email]")
    assert up["reason"] is None
