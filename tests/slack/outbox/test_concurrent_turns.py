"""First messages of one conversation delivered at the same moment, on SQLite and a real PostgreSQL:
every one is acknowledged (200) and answered, never an apology, and the conversation is kept once."""

import threading

import pytest
from slack_fakes import direct_message, event_callback, mention
from slack_harness import Deliver, make_app
from sqlalchemy import func, select

from evalbot.feedback.service import Feedback
from evalbot.slack.app import drain
from evalbot.slack.transport.rate_limit import RateLimiter
from evalbot.store.schema import conversations, delivery_claims, outbox


@pytest.fixture()
def served(settings, brain, store):
    """The real Bolt app on the test's store (SQLite or PostgreSQL), its question log on, no per-user limit."""
    app = make_app(settings, brain, store=store, feedback=Feedback.from_store(store, retention_days=90),
                   limiter=RateLimiter(burst=1000, per_second=100))
    yield app
    drain(app)


def _all_at_once(deliver: Deliver, bodies: list[str]) -> list[int]:
    """Dispatch `bodies` from one thread each, released together; their HTTP statuses."""
    start = threading.Barrier(len(bodies))
    statuses: list[int] = [0] * len(bodies)

    def one(index: int) -> None:
        start.wait()
        statuses[index] = deliver(bodies[index], wait=False).status

    threads = [threading.Thread(target=one, args=(i,)) for i in range(len(bodies))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def _count(app, table) -> int:
    return app.deps.store.run(lambda c: c.execute(select(func.count()).select_from(table)).scalar_one())


@pytest.mark.parametrize("together", [2, 10])
def test_simultaneous_first_dms_are_all_answered(served, fake_slack, together):
    """N DMs one person sends at once, each the first of a fresh conversation: N acks, N answers."""
    deliver, rounds = Deliver(served), 3
    for round_ in range(rounds):
        channel = f"D0RACE{round_:03d}"
        bodies = [event_callback(direct_message(f"roi cost={n + 1}M", channel=channel,
                                                ts=f"17000001{round_:02d}.{n:06d}"),
                                 event_id=f"EvRace{together}x{round_}x{n}") for n in range(together)]
        assert _all_at_once(deliver, bodies) == [200] * together
    posted = fake_slack.wait_posted(together * rounds, timeout=20)
    assert len(posted) == together * rounds
    assert not [post for post in posted if "something went wrong" in post["text"].lower()]
    assert _count(served, outbox) == together * rounds == _count(served, delivery_claims)
    # One row per conversation however many raced for it, each holding the calculation still asked for.
    assert _count(served, conversations) == rounds


def test_simultaneous_first_mentions_in_one_thread_are_all_answered(served, fake_slack):
    """Mentions in one channel thread at once (one person): every one answered in that thread."""
    bodies = [event_callback(mention(f"what about the budget? {n}", ts=f"1700000300.{n:06d}",
                                     thread_ts="1700000300.000000"), event_id=f"EvThreadRace{n}") for n in range(10)]
    assert _all_at_once(Deliver(served), bodies) == [200] * 10
    posted = fake_slack.wait_posted(10, timeout=20)
    assert {post["thread_ts"] for post in posted} == {"1700000300.000000"} and len(posted) == 10

