"""The outbox table: answers are taken once (across hosts), wait out a channel's limit, expire, and come back
when their sender died mid-send."""

import threading

from evalbot.slack.transport.outbox.queue import EXPIRE_SECONDS, LEASE_SECONDS, SENT, Outbox

MESSAGE = {"text": "An answer", "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "An answer"}}]}


def keep(outbox: Outbox, channel: str, n: int, *, thread_ts: str | None = None) -> None:
    outbox.store.run(lambda connection: outbox.add(connection, event_id=f"Ev{channel}{n}", team_id="T0001",
                                                   channel=channel, thread_ts=thread_ts, message=MESSAGE))


def test_a_kept_answer_is_taken_once_with_its_arguments_then_settled(store):
    outbox = Outbox(store=store)
    keep(outbox, "C1", 1, thread_ts="1700000001.000100")
    taken = outbox.take("C1")
    assert taken.arguments == {"channel": "C1", "thread_ts": "1700000001.000100", "unfurl_links": False, **MESSAGE}
    assert taken.event_id == "EvC11" and taken.attempts == 1
    assert outbox.take("C1") is None  # leased to the first taker
    assert outbox.pending() == 1
    outbox.settle(taken, SENT)
    assert outbox.pending() == 0 and outbox.due_channels() == []


def test_channels_are_due_oldest_answer_first(store):
    outbox = Outbox(store=store)
    for n, channel in enumerate(("C2", "C1", "C2", "C3")):
        keep(outbox, channel, n)
    assert outbox.due_channels() == ["C2", "C1", "C3"]


def test_two_hosts_taking_at_once_take_each_answer_exactly_once(store, other_store):
    outbox = Outbox(store=store)
    for n in range(30):
        keep(outbox, "C1", n)
    taken: list[int] = []
    lock = threading.Lock()

    def take_all(taker: Outbox) -> None:
        while (outgoing := taker.take("C1")) is not None:
            with lock:
                taken.append(outgoing.id)

    threads = [threading.Thread(target=take_all, args=(Outbox(store=s),)) for s in (store, other_store) * 2]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(taken) == 30 and len(set(taken)) == 30


def test_a_rate_limited_channel_waits_and_the_others_do_not(store):
    now = [1000.0]
    outbox = Outbox(store=store, clock=lambda: now[0])
    keep(outbox, "CBUSY", 1)
    keep(outbox, "CBUSY", 2)
    keep(outbox, "CQUIET", 1)
    outbox.retry_later(outbox.take("CBUSY"), wait=30, error="ratelimited", whole_channel=True)
    assert outbox.due_channels() == ["CQUIET"]
    now[0] += 31
    assert outbox.due_channels() == ["CBUSY", "CQUIET"]
    again = outbox.take("CBUSY")
    assert again.event_id == "EvCBUSY1" and again.attempts == 2  # the same answer, in order


def test_answers_unsent_after_ten_minutes_expire(store):
    now = [1000.0]
    outbox = Outbox(store=store, clock=lambda: now[0])
    keep(outbox, "C1", 1)
    keep(outbox, "C2", 1)
    assert outbox.expire() == []
    now[0] += EXPIRE_SECONDS + 1
    assert sorted(outbox.expire()) == ["C1", "C2"]
    assert outbox.pending() == 0 and outbox.take("C1") is None


def test_an_answer_whose_sender_died_comes_back_after_its_lease(store):
    now = [1000.0]
    outbox = Outbox(store=store, clock=lambda: now[0], owner=lambda: "host-a:101")
    keep(outbox, "C1", 1)
    outbox.take("C1")  # ... and the process is killed before it settles
    assert outbox.reclaim() == []
    now[0] += LEASE_SECONDS + 1
    assert outbox.reclaim() == ["host-a:101"]  # who stopped, for the log
    assert outbox.take("C1").attempts == 2


def test_a_renewed_lease_is_not_taken_over(store):
    """A sender still holding an answer (posting it, or waiting to record how that went) renews its lease."""
    now = [1000.0]
    outbox = Outbox(store=store, clock=lambda: now[0])
    keep(outbox, "C1", 1)
    taken = outbox.take("C1")
    for _ in range(4):
        now[0] += LEASE_SECONDS * 0.6
        assert outbox.renew([taken.id]) == 1 and outbox.reclaim() == []
    now[0] += LEASE_SECONDS + 1
    assert outbox.reclaim() != [] and outbox.renew([taken.id]) == 0  # too late: it is pending again


def test_an_answer_kept_after_a_429_waits_behind_the_channels_older_one(store):
    """Order and pacing per channel: nothing overtakes the oldest answer while it waits out Retry-After."""
    now = [1000.0]
    outbox = Outbox(store=store, clock=lambda: now[0])
    keep(outbox, "CBUSY", 1)
    outbox.retry_later(outbox.take("CBUSY"), wait=30, error="ratelimited", whole_channel=True)
    keep(outbox, "CBUSY", 2)  # asked after the 429
    assert outbox.take("CBUSY") is None
    now[0] += 31
    assert [outbox.take("CBUSY").event_id, outbox.take("CBUSY").event_id] == ["EvCBUSY1", "EvCBUSY2"]
