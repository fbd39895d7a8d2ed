"""Before the ack: the claim, the answer and its outbox row are written together, or the delivery is refused
(503) so that Slack retries it."""

import json
import logging
import time

from slack_fakes import direct_message, event_callback, mention
from slack_harness import Deliver, make_app
from sqlalchemy import event, func, insert, select, text

from evalbot.feedback.service import Feedback
from evalbot.slack.app import drain
from evalbot.slack.transport.outbox.queue import Outbox
from evalbot.store.schema import delivery_claims, outbox, questions


def count(app, table) -> int:
    return app.deps.store.run(lambda c: c.execute(select(func.count()).select_from(table)).scalar_one())


def test_a_delivery_is_acknowledged_with_its_answer_already_kept(app, deliver, fake_slack):
    response = deliver(event_callback(mention("budget"), event_id="EvKept"), wait=False)
    assert response.status == 200
    assert count(app, delivery_claims) == 1 and count(app, outbox) == 1  # before anything was posted
    assert len(fake_slack.wait_posted(1)) == 1


def test_a_repeat_is_acknowledged_and_not_answered_again(deliver, fake_slack, caplog):
    body = event_callback(direct_message("budget"), event_id="EvTwice")
    assert deliver(body).status == 200
    with caplog.at_level(logging.INFO, logger="evalbot.slack.transport.repeats"):
        assert deliver(body, headers={"x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout"}).status == 200
    assert len(fake_slack.posted()) == 1
    [line] = [r for r in caplog.records if r.getMessage() == "repeated delivery ignored"]
    assert (line.event_id, line.retry_num, line.retry_reason) == ("EvTwice", "1", "http_timeout")


def test_what_is_not_answered_is_neither_claimed_nor_kept(app, deliver, fake_slack):
    deliver(event_callback(direct_message("hi", bot_id="B0OTHER", subtype="bot_message"), event_id="EvBot"))
    deliver(event_callback(mention("in a DM", channel="D0DM0001"), event_id="EvMentionInDm"))
    assert count(app, delivery_claims) == 0 and count(app, outbox) == 0 and fake_slack.posted() == []


def test_a_bug_while_answering_keeps_its_apology_as_the_one_answer(app, deliver, fake_slack, monkeypatch, caplog):
    """The claim is kept only with an answer: here the apology, quoting the logged reference; a retry is not
    answered again."""
    def broken(self, text):
        raise RuntimeError("the renderer broke")

    monkeypatch.setattr("evalbot.slack.ready_answers.ReadyAnswers.message", broken)
    body = event_callback(mention("budget"), event_id="EvBroken")
    with caplog.at_level(logging.ERROR):
        assert deliver(body).status == 200
    assert count(app, outbox) == 1 and count(app, delivery_claims) == 1
    assert deliver(body, headers={"x-slack-retry-num": "1"}).status == 200  # Slack's retry fails no second time
    [apology] = fake_slack.wait_posted(1)
    [logged] = [r for r in caplog.records if getattr(r, "reference", None)]
    assert "something went wrong" in apology["text"] and logged.reference in json.dumps(apology["blocks"])
    assert logged.exc_info[0] is RuntimeError and len(fake_slack.posted()) == 1


def test_a_write_that_loses_a_race_rolls_back_its_claim_and_is_answered_on_the_second_try(app, deliver, fake_slack,
                                                                                         monkeypatch):
    """An `IntegrityError` mid-transaction takes the claim with it; the delivery is answered once, not apologised."""
    add, raced = Outbox.add, []

    def races_once(self, connection, **row):
        if not raced:
            raced.append(row["event_id"])
            connection.execute(insert(delivery_claims), {"event_id": "EvOther", "expires_at": 0.0})
            connection.execute(insert(delivery_claims), {"event_id": "EvOther", "expires_at": 0.0})
        return add(self, connection, **row)

    monkeypatch.setattr(Outbox, "add", races_once)
    assert deliver(event_callback(mention("budget"), event_id="EvRaced")).status == 200
    [post] = fake_slack.wait_posted(1)
    assert raced == ["EvRaced"] and "something went wrong" not in post["text"]
    assert count(app, delivery_claims) == 1 and count(app, outbox) == 1


def test_a_full_disk_refuses_deliveries_logs_once_and_each_retry_is_answered_once(settings, brain, fake_slack,
                                                                                    caplog):
    store = settings.open_store()
    pages = store.run(lambda c: c.execute(text("PRAGMA page_count")).scalar_one())
    disk = {"full": True}

    # Installed before the app's threads start, and switched rather than removed: SQLAlchemy's listener
    # list must not change while the sender's thread connects.
    @event.listens_for(store.engine, "connect")
    def full_disk(dbapi_connection, _record):
        if disk["full"]:
            dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    store.engine.dispose()
    app = make_app(settings, brain, store=store)
    deliver = Deliver(app)
    try:
        bodies = [event_callback(mention(f"budget question {n}", ts=f"1700000{n:03d}.1"), event_id=f"EvFull{n}")
                  for n in range(40)]
        with caplog.at_level(logging.ERROR):
            first = [deliver(body, wait=False).status for body in bodies]
        assert set(first) == {200, 503} and first.count(503) >= 20
        errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
        assert len(errors) == 1 and "disk is full" in errors[0].getMessage()

        disk["full"] = False
        store.engine.dispose()  # space freed
        retried = [deliver(body, headers={"x-slack-retry-num": "1"}, wait=False).status for body in bodies]
        assert retried == [200] * 40
        posted = fake_slack.wait_posted(40, timeout=20)
        assert sorted(post["thread_ts"] for post in posted) == sorted(f"1700000{n:03d}.1" for n in range(40))
    finally:
        drain(app)


def test_the_question_log_is_kept_with_the_answer_or_not_at_all(settings, brain, fake_slack, monkeypatch):
    """The feedback log writes through the answer's transaction: no answer kept, no question logged."""
    store = settings.open_store()
    app = make_app(settings, brain, store=store, feedback=Feedback.from_store(store, retention_days=90))
    try:
        deliver = Deliver(app)
        assert deliver(event_callback(mention("how do I pitch the board?"), event_id="EvLogged")).status == 200
        assert count(app, questions) == 1 and count(app, outbox) == 1

        def outbox_full(*args, **kwargs):
            raise RuntimeError("the outbox broke")

        monkeypatch.setattr("evalbot.slack.transport.outbox.queue.Outbox.add", outbox_full)
        assert deliver(event_callback(mention("and the budget?"), event_id="EvNotKept")).status == 500
        assert count(app, questions) == 1 and count(app, outbox) == 1
    finally:
        drain(app)


def test_a_50000_character_pathological_dm_is_answered_and_logged_scrubbed(settings, brain, fake_slack):
    """A DM of 50,000 characters like `1.1.1.…` gets its answer; the question is logged cut to the stored maximum."""
    store = settings.open_store()
    app = make_app(settings, brain, store=store, feedback=Feedback.from_store(store, retention_days=90))
    try:
        body = event_callback(direct_message("1." * 25_000 + " mail ada@example.com"), event_id="EvLong")
        assert Deliver(app)(body).status == 200
        assert len(fake_slack.wait_posted(1)) == 1
        [logged] = app.deps.store.run(lambda c: c.execute(select(questions.c.text)).scalars().all())
        assert len(logged) == 2000 and set(logged) == {"1", "."}
    finally:
        drain(app)


def test_a_kept_answer_knows_whose_it_is_so_forget_finds_it(settings, brain, fake_slack):
    """The outbox row carries the asker's hash (never their id); `forget` deletes it with the rest."""
    from evalbot.feedback.forget import forget_person

    store = settings.open_store()
    feedback = Feedback.from_store(store, retention_days=90)
    app = make_app(settings, brain, store=store, feedback=feedback)
    try:
        assert Deliver(app)(event_callback(direct_message("budget", user="U0ADA"), event_id="EvAda")).status == 200
        fake_slack.wait_posted(1)
        [owner] = store.run(lambda c: c.execute(select(outbox.c.user_hash)).scalars().all())
        assert owner == feedback.questions.hash_user("U0ADA") and "U0ADA" not in owner
        gone = forget_person(store.engine, user_id="U0ADA", user_hash=owner)
        assert (gone.questions, gone.conversations, gone.sent_answers) == (1, 1, 1) and count(app, outbox) == 0
    finally:
        drain(app)


def test_the_senders_housekeeping_purges_expired_conversations_and_oauth_states(settings, brain):
    """With no traffic at all, a serving process still deletes what expired (hourly, from the sender's thread)."""
    import time
    from datetime import datetime

    from evalbot.store.schema import conversations, slack_oauth_states

    store = settings.open_store()
    store.run(lambda c: (
        c.execute(insert(slack_oauth_states), [{"state": f"s{n}", "expire_at": datetime(2020, 1, 1)} for n in range(5)]),
        c.execute(insert(conversations), {"key": "slack:T:D:top:U", "state": "{}", "updated_at": 0, "expires_at": 1}),
    ))
    app = make_app(settings, brain, store=store, feedback=Feedback.from_store(store, retention_days=90))
    try:
        deadline = time.monotonic() + 10
        while (count(app, slack_oauth_states) or count(app, conversations)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert count(app, slack_oauth_states) == 0 and count(app, conversations) == 0
    finally:
        drain(app)


def test_a_retry_after_the_sqlite_file_was_deleted_is_not_answered_again(app, deliver, fake_slack, caplog):
    """Answered, then the store's file deleted (and made again by the next write): Slack's retry is a repeat."""
    from pathlib import Path

    body = event_callback(direct_message("budget"), event_id="EvBeforeDeletion")
    assert deliver(body).status == 200 and len(fake_slack.wait_posted(1)) == 1
    database = Path(app.deps.store.engine.url.database)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    with caplog.at_level(logging.WARNING):
        assert deliver(body, headers={"x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout"}).status == 200
        assert deliver(event_callback(direct_message("hello"), event_id="EvAfterDeletion")).status == 200
    time.sleep(0.3)
    assert len(fake_slack.posted()) == 2  # the new delivery only
    assert [r for r in caplog.records if getattr(r, "claims_written_back", None) == 1]
    assert count(app, delivery_claims) == 2
