"""The sender against the fake Web API: busy channels fully answered at Slack's pace, slow channels holding
no one else up, failures logged with where and why, and nothing posted twice."""

import logging
import time

from slack_fakes import HANG_UP, event_callback, mention
from slack_sdk import WebClient
from sqlalchemy import select


from evalbot.slack.transport.outbox.posting import clients_for
from evalbot.slack.transport.outbox.queue import UNKNOWN, Outbox
from evalbot.slack.transport.outbox.sender import Sender
from evalbot.store.schema import outbox as outbox_table


def ask(deliver, n: int, *, channel: str = "C0CHAN01", text: str = "budget"):
    """Mention evalbot as the `n`th message of `channel` (its own ts and event id); the ack's status."""
    ts = f"1700000{n:03d}.000100"
    body = event_callback(mention(text, channel=channel, ts=ts), event_id=f"Ev{channel}{n}")
    return deliver(body, wait=False).status


def statuses(app) -> list[str]:
    store = app.deps.store
    return store.run(lambda c: [row.status for row in c.execute(select(outbox_table.c.status))])


def test_a_busy_channel_is_fully_answered_in_order_at_slacks_pace(deliver, fake_slack):
    fake_slack.limit_channels(burst=3, per_second=2.0, retry_after=1)
    for n in range(12):
        assert ask(deliver, n) == 200
    posted = fake_slack.wait_posted(12, timeout=20)
    mine = [f"1700000{n:03d}.000100" for n in range(12)]
    assert [post["thread_ts"] for post in posted] == mine
    # Only this test's posts: the fake Web API is shared by the session's tests.
    calls = [c for c in fake_slack.calls if c["method"] == "chat.postMessage"
             and c["params"].get("channel") == "C0CHAN01" and c["params"].get("thread_ts") in mine]
    limited = [c for c in calls if c["status"] == 429]
    assert limited, "the fake's limit was never reached"
    for refused in limited:  # after a 429 the channel waits its Retry-After (no retry storm)
        following = [c for c in calls if c["at"] > refused["at"]]
        assert not following or following[0]["at"] - refused["at"] >= 0.9


def test_channels_limited_together_do_not_all_retry_at_the_same_moment(deliver, fake_slack):
    fake_slack.limit_channels(burst=1, per_second=0.5, retry_after=1)
    channels = ["C0BUSY01", "C0BUSY02", "C0BUSY03"]
    for n in range(2):
        for channel in channels:
            ask(deliver, n, channel=channel)
    fake_slack.wait_posted(6, timeout=20)
    retried = [next(c["at"] for c in fake_slack.calls
                    if c["params"].get("channel") == channel and c["status"] == 200
                    and c["params"]["thread_ts"] == "1700000001.000100") for channel in channels]
    assert max(retried) - min(retried) > 0.002


def test_a_slow_channel_holds_up_no_other_channel(deliver, fake_slack):
    fake_slack.delay_channel("C0SLOW01", 3.0)
    ask(deliver, 0, channel="C0SLOW01")
    time.sleep(0.2)  # the slow post is in flight
    for n in range(3):
        ask(deliver, n, channel="C0FAST01")
    posted = fake_slack.wait_posted(4, timeout=10)
    assert [post["channel"] for post in posted] == ["C0FAST01"] * 3 + ["C0SLOW01"]


def test_a_dropped_connection_after_the_request_is_logged_never_resent(deliver, fake_slack, caplog, app):
    fake_slack.script("chat.postMessage", HANG_UP)
    with caplog.at_level(logging.ERROR, logger="evalbot.slack.transport.outbox.sender"):
        ask(deliver, 0)
        fake_slack.wait_for("chat.postMessage")
        time.sleep(2.0)  # longer than any retry would wait
    assert len(fake_slack.calls_to("chat.postMessage")) == 1
    [line] = [r for r in caplog.records if "may or may not have been posted" in r.getMessage()]
    assert line.channel == "C0CHAN01" and line.event_id == "EvC0CHAN010" and line.may_have_gone_through
    assert "not sent again" in line.getMessage()
    assert statuses(app) == [UNKNOWN]


def test_a_server_error_is_retried_later_and_the_answer_sent(deliver, fake_slack, caplog):
    fake_slack.script("chat.postMessage", (503, {}, {"ok": False, "error": "service_unavailable"}))
    with caplog.at_level(logging.WARNING, logger="evalbot.slack.transport.outbox.sender"):
        ask(deliver, 0)
        posted = fake_slack.wait_posted(1, timeout=5)
    assert len(posted) == 1 and len(fake_slack.calls_to("chat.postMessage")) == 2
    [line] = [r for r in caplog.records if "trying again" in r.getMessage()]
    assert (line.channel, line.event_id, line.http_status, line.slack_error) == (
        "C0CHAN01", "EvC0CHAN010", 503, "service_unavailable")


def test_slack_refusing_an_answer_is_logged_with_channel_event_status_and_error(deliver, fake_slack, caplog):
    fake_slack.script("chat.postMessage", (200, {}, {"ok": False, "error": "channel_not_found"}))
    with caplog.at_level(logging.ERROR, logger="evalbot.slack.transport.outbox.sender"):
        ask(deliver, 0)
        fake_slack.wait_for("chat.postMessage")
        deliver.idle()
    [line] = [r for r in caplog.records if r.getMessage().startswith("Slack refused")]
    assert (line.channel, line.event_id, line.http_status, line.slack_error) == (
        "C0CHAN01", "EvC0CHAN010", 200, "channel_not_found")
    assert "channel=C0CHAN01 event_id=EvC0CHAN010" in line.getMessage() and "channel_not_found" in line.getMessage()
    assert len(fake_slack.calls_to("chat.postMessage")) == 1


def test_a_refused_connection_is_logged_in_one_line_with_its_reason(app, caplog):
    """Nothing listens on the API port: a clear line with the reason, no traceback; the answer waits."""
    deps = app.deps
    deps.sender.stop(within=0)  # this test's sender is the only one
    deps.store.run(lambda c: deps.outbox.add(c, event_id="EvRefused", team_id="T0001", channel="C0CHAN01",
                                             thread_ts=None, message={"text": "hi"}))
    nowhere = WebClient(token="xoxb-1", base_url="http://127.0.0.1:9/api/", retry_handlers=[])
    sender = Sender(outbox=deps.outbox, client_for=lambda _outgoing: nowhere)
    with caplog.at_level(logging.WARNING, logger="evalbot.slack.transport.outbox.sender"):
        sender.start()
        time.sleep(1.0)
        sender.stop(within=0)
    [line] = [r for r in caplog.records if "could not post" in r.getMessage()]
    assert "ConnectionRefusedError" in line.reason and "refused" in line.getMessage()
    assert line.exc_info is None and line.event_id == "EvRefused" and line.http_status is None


def test_answers_unsent_for_ten_minutes_expire_with_a_count(app, caplog):
    deps = app.deps
    deps.sender.stop(within=0)  # this test's sender is the only one
    for n in range(3):
        deps.store.run(lambda c, n=n: deps.outbox.add(c, event_id=f"EvOld{n}", team_id="T0001", channel="C0OLD001",
                                                      thread_ts=None, message={"text": "late"}))
    later = Outbox(store=deps.store, clock=lambda: time.time() + 601)
    sender = Sender(outbox=later, client_for=clients_for(app.client))
    with caplog.at_level(logging.WARNING, logger="evalbot.slack.transport.outbox.sender"):
        sender.start()
        sender.stop(within=1.0)
    [line] = [r for r in caplog.records if "expired" in r.getMessage()]
    assert line.expired == 3 and line.channels == ["C0OLD001"]


def test_stopping_leaves_what_it_could_not_send_for_the_next_start(app, deliver, fake_slack, caplog):
    fake_slack.delay("chat.postMessage", 0.5)
    for n in range(6):
        ask(deliver, n)
    deps = app.deps
    with caplog.at_level(logging.WARNING, logger="evalbot.slack.transport.outbox.sender"):
        left = deps.sender.stop(within=0.6)
    assert 1 <= left <= 5
    assert any(f"{left} answers left" in r.getMessage() for r in caplog.records)
    fake_slack.delay("chat.postMessage", 0)
    next_start = Sender(outbox=deps.outbox, client_for=clients_for(app.client))
    next_start.start()
    posted = fake_slack.wait_posted(6, timeout=10)
    next_start.stop(within=1)
    assert sorted(post["thread_ts"] for post in posted) == [f"1700000{n:03d}.000100" for n in range(6)]
