"""`forget`: one person's questions, votes, their question copied into others' votes, their conversations
and their answers not yet sent all go, each counted; nobody else's rows change. SQLite and PostgreSQL."""

import time

import pytest
from sqlalchemy import select

from evalbot.core.reply import Reply, ReplyKind
from evalbot.feedback.forget import Forgotten, forget_person
from evalbot.feedback.recording import QuestionLog
from evalbot.feedback.votes import Vote, VoteBook
from evalbot.slack.transport.outbox.queue import SENT, Outbox
from evalbot.store import open_store
from evalbot.store.conversations import SqlConversations
from evalbot.store.schema import conversations, outbox, questions, votes


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request, tmp_path):
    url = request.getfixturevalue("postgres_url") if request.param == "postgresql" else None
    opened = open_store(url=url, data_dir=tmp_path / "var")
    yield opened
    opened.close()


def _answer(store, log: QuestionLog, *, user: str, question: str, ref: str, status: str = "pending") -> None:
    reply = Reply(intent="out-of-scope", kind=ReplyKind.OUT_OF_SCOPE, confidence=0.9, title="t")
    log.record(reply, question=question, user=user, team="T1", reply_ref=ref)
    with store.engine.begin() as connection:
        Outbox(store=store).add(connection, event_id=f"Ev{ref}", team_id="T1", channel=f"D{user}", thread_ts=None,
                                message={"text": f"answer to {question}"}, user_hash=log.hash_user(user))
        connection.execute(outbox.update().where(outbox.c.event_id == f"Ev{ref}").values(status=status))


def _texts(store, column) -> list:
    with store.engine.connect() as connection:
        return sorted(str(value) for value in connection.execute(select(column)).scalars())


def test_forget_removes_the_person_everywhere_and_counts_each_place(any_store, clock):
    """Ada's words go from the log, her votes, Bob's vote on her answer, her conversations and her unsent answers."""
    log = QuestionLog(engine=any_store.engine, retention_days=90, clock=clock)
    book = VoteBook(engine=any_store.engine, clock=clock)
    chats = SqlConversations(engine=any_store.engine)
    _answer(any_store, log, user="U0ADA", question="ada asks about her salary bands", ref="ra1")
    _answer(any_store, log, user="U0ADA", question="ada asks about her visa", ref="ra2", status=SENT)
    _answer(any_store, log, user="U0BOB", question="bob asks about parking", ref="rb1")
    for voter, ref in (("U0BOB", "ra1"), ("U0ADA", "ra2"), ("U0ADA", "rb1"), ("U0BOB", "rb1")):
        book.record(reply_ref=ref, user_hash=log.hash_user(voter), team_id="T1", vote=Vote.DOWN, intent="x",
                    confidence=0.5)
    for key in ("slack:T1:D0ADA:top:U0ADA", "slack:T1:C1:1.1:U0ADA", "slack:T1:C1:1.1:U0ADAM", "slack:T1:D0B:top:U0BOB"):
        chats.save(key, {"question": f"roi cost=2M from {key}"})

    gone = forget_person(any_store.engine, user_id="U0ADA", user_hash=log.hash_user("U0ADA"))

    assert gone == Forgotten(questions=2, votes=2, others_votes_cleared=1, conversations=2, unsent_answers=1,
                             sent_answers=1)
    assert _texts(any_store, questions.c.text) == ["bob asks about parking"]
    assert _texts(any_store, votes.c.question) == ["None", "bob asks about parking"]  # Bob's vote on Ada's answer
    assert _texts(any_store, conversations.c.key) == ["slack:T1:C1:1.1:U0ADAM", "slack:T1:D0B:top:U0BOB"]
    assert "ada" not in " ".join(_texts(any_store, outbox.c.payload))
    again = forget_person(any_store.engine, user_id="U0ADA", user_hash=log.hash_user("U0ADA"))
    assert again == Forgotten(questions=0, votes=0, others_votes_cleared=0, conversations=0, unsent_answers=0,
                              sent_answers=0)


def test_retention_purges_expired_conversations_and_oauth_states(any_store, clock):
    """On the retention schedule: conversations past their expiry and install states nobody finished go."""
    import time

    from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore

    from evalbot.feedback.retention import Retention
    from evalbot.store.schema import SLACK_OAUTH_STATES, slack_oauth_states

    states = SQLAlchemyOAuthStateStore(expiration_seconds=600, engine=any_store.engine, table_name=SLACK_OAUTH_STATES)
    for _ in range(3):
        states.issue()
    clock.now = time.time()
    chats = SqlConversations(engine=any_store.engine, ttl_seconds=60, clock=clock)
    chats.save("slack:T1:D1:top:U1", {"n": 1})
    clock.now += 30
    assert Retention(engine=any_store.engine, days=90, clock=clock).purge()["oauth_states"] == 0  # still usable
    clock.now += 601
    later = Retention(engine=any_store.engine, days=90, clock=clock)
    assert later.purge() == {"questions": 0, "votes": 0, "expert_answers": 0, "handoffs": 0, "conversations": 1,
                             "oauth_states": 3}
    with any_store.engine.connect() as connection:
        assert connection.execute(select(slack_oauth_states)).all() == []


def test_expired_install_states_and_conversations_go_within_seconds_not_hourly(any_store, clock):
    """`purge_expired` (the sender's housekeeping, every few seconds) deletes only what expired."""
    from datetime import datetime, timedelta

    from evalbot.feedback.retention import Retention
    from evalbot.store.schema import slack_oauth_states

    clock.now = time.time()
    later = datetime.utcfromtimestamp(clock.now) + timedelta(minutes=5)
    with any_store.engine.begin() as connection:
        connection.execute(slack_oauth_states.insert(), [{"state": "old", "expire_at": datetime(2020, 1, 1)},
                                                         {"state": "live", "expire_at": later}])
    SqlConversations(engine=any_store.engine, ttl_seconds=60, clock=lambda: clock.now - 120).save("k-old", {})
    SqlConversations(engine=any_store.engine, ttl_seconds=60, clock=clock).save("k-live", {})
    assert Retention(engine=any_store.engine, days=90, clock=clock).purge_expired() == {"conversations": 1,
                                                                                      "oauth_states": 1}
    assert _texts(any_store, slack_oauth_states.c.state) == ["live"]
    assert _texts(any_store, conversations.c.key) == ["k-live"]
