"""The question log: every answered question with its routing, unanswered ones with their nearest intents."""

import json

from sqlalchemy import select

from evalbot.core.reply import Choice, Reply, ReplyKind
from evalbot.feedback.recording import QuestionLog, is_unanswered
from evalbot.feedback.forget import forget_person
from evalbot.feedback.retention import DAY
from evalbot.feedback.votes import Vote, VoteBook
from evalbot.store.schema import questions, votes


def _reply(intent="equity-negotiation", confidence=0.9, kind=ReplyKind.TOPIC, did_you_mean=()):
    return Reply(intent=intent, kind=kind, confidence=confidence, title="t",
                 did_you_mean=[Choice(intent=i, label=i) for i in did_you_mean])


def _rows(store):
    with store.engine.connect() as connection:
        return connection.execute(select(questions)).mappings().all()


def test_an_answered_question_is_logged_with_its_routing(store, clock):
    """Intent, confidence, scrubbed text and a user hash (never the id) are stored."""
    log = QuestionLog(engine=store.engine, retention_days=90, clock=clock)
    log.record(_reply(), question="what exercise window can I ask for? ada@example.com", user="U0ADA",
               team="T1", reply_ref="r1")
    [row] = _rows(store)
    assert (row["intent"], row["confidence"], row["unanswered"], row["reply_ref"]) == ("equity-negotiation", 0.9,
                                                                                       False, "r1")
    assert row["text"] == "what exercise window can I ask for? [email]"
    assert row["user_hash"] and row["user_hash"] != "U0ADA" and row["asked_at"] == clock.now


def test_out_of_scope_low_confidence_and_ambiguous_are_unanswered(store, clock):
    """Each of the three ways evalbot fails to answer lands in the unanswered log with nearest intents."""
    log = QuestionLog(engine=store.engine, retention_days=90, clock=clock)
    cases = [_reply("out-of-scope", 0.8, ReplyKind.OUT_OF_SCOPE, did_you_mean=["compensation"]),
             _reply("vp-role", 0.3), _reply("c-suite-path", 0.9, did_you_mean=["c-suite-fit"])]
    for n, reply in enumerate(cases):
        log.record(reply, question=f"q{n}", user=None, team=None, reply_ref=f"r{n}")
    rows = _rows(store)
    assert [r["unanswered"] for r in rows] == [True, True, True]
    assert [json.loads(r["nearest"]) for r in rows] == [["compensation"], [], ["c-suite-fit"]]
    assert all(is_unanswered(reply) for reply in cases)


def test_error_replies_are_not_logged(store, clock):
    """Bad input and apologies are not questions about the knowledge."""
    QuestionLog(engine=store.engine, retention_days=90, clock=clock).record(
        _reply(kind=ReplyKind.ERROR), question="roi cost=banana", user="U1", team=None, reply_ref="r")
    assert _rows(store) == []


def test_retention_purges_old_questions_and_votes(store, clock):
    """Rows older than the retention period go; newer ones stay; the sweep runs at most hourly."""
    log = QuestionLog(engine=store.engine, retention_days=2, clock=clock)
    book = VoteBook(engine=store.engine, clock=clock)
    log.record(_reply(), question="old", user="U1", team=None, reply_ref="old")
    book.record(reply_ref="old", user_hash="h", team_id=None, vote=Vote.UP, intent="x", confidence=0.5)
    clock.now += 2 * DAY + 1
    log.record(_reply(), question="new", user="U1", team=None, reply_ref="new")
    assert [r["text"] for r in _rows(store)] == ["new"]
    with store.engine.connect() as connection:
        assert connection.execute(select(votes)).all() == []


def test_forget_removes_one_persons_questions_and_votes_only(store, clock):
    """`forget` deletes by the person's hash and leaves everyone else's rows."""
    log = QuestionLog(engine=store.engine, retention_days=90, clock=clock)
    book = VoteBook(engine=store.engine, clock=clock)
    for user in ("U0ADA", "U0BOB"):
        log.record(_reply(), question=f"from {user}", user=user, team=None, reply_ref=f"r-{user}")
        book.record(reply_ref=f"r-{user}", user_hash=log.hash_user(user), team_id=None, vote=Vote.DOWN,
                    intent="x", confidence=0.5)
    gone = forget_person(store.engine, user_id="U0ADA", user_hash=log.hash_user("U0ADA"))
    assert (gone.questions, gone.votes) == (1, 1)
    assert [r["text"] for r in _rows(store)] == ["from U0BOB"]
