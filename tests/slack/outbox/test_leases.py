"""Fencing the senders: a store outage longer than the lease posts nothing twice, because a live sender renews
its leases and nobody takes one over until the store has worked for a whole lease; a stopped sender's answers
still come back, and the log names the sender that stopped. SQLite and a real PostgreSQL, two "hosts"."""

import logging
import threading
import time

from slack_fakes import TOKEN
from slack_sdk import WebClient
from sqlalchemy import select

from evalbot.errors import StoreUnavailable
from evalbot.slack.transport.outbox.queue import SENDING, SENT, Outbox
from evalbot.slack.transport.outbox.sender import Sender
from evalbot.store import Store
from evalbot.store.schema import outbox as outbox_table

LEASE = 2.0


def _sender(store, fake_slack, owner: str) -> Sender:
    client = WebClient(token=TOKEN, base_url=fake_slack.url, retry_handlers=[])
    return Sender(outbox=Outbox(store=store, lease_seconds=LEASE, owner=lambda: owner),
                  client_for=lambda _outgoing: client, housekeeping_seconds=0.1)


def _keep(store, channel: str = "C0LEASE1") -> None:
    store.run(lambda c: Outbox(store=store).add(c, event_id="EvLease", team_id="T1", channel=channel, thread_ts=None,
                                                message={"text": "the answer"}))


def _status(store) -> str:
    return store.run(lambda c: c.execute(select(outbox_table.c.status)).scalar_one())


def _wait(condition, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.02)
    return condition()


def test_an_outage_longer_than_the_lease_posts_nothing_twice(store, other_store, fake_slack, monkeypatch):
    """Host A posts; the store goes down before A records it, for 2.5 leases; it comes back for host B first,
    and for A half a lease later (its pool reconnects later): B still must not resend."""
    down, down_for_a = threading.Event(), threading.Event()
    run = Store.run

    def outage_aware(self, work):
        if down.is_set() or (self is store and down_for_a.is_set()):
            raise StoreUnavailable("connection refused (the test's outage)")
        return run(self, work)

    monkeypatch.setattr(Store, "run", outage_aware)
    fake_slack.delay("chat.postMessage", 0.5)
    host_a, host_b = _sender(store, fake_slack, "host-a:1"), _sender(other_store, fake_slack, "host-b:2")
    host_b.start()
    _keep(store)
    host_a.start()
    host_a.nudge("C0LEASE1")
    try:
        assert _wait(lambda: _status(store) == SENDING)
        down.set()  # A's post is in flight: it lands, but A cannot record it
        down_for_a.set()
        assert fake_slack.wait_posted(1) and len(fake_slack.posted()) == 1
        time.sleep(2.5 * LEASE)
        down.clear()
        time.sleep(LEASE / 2)
        down_for_a.clear()
        assert _wait(lambda: _status(store) == SENT)
        time.sleep(2 * LEASE)  # B's chance to take it over, had it not been fenced
        assert len(fake_slack.posted()) == 1 and _status(store) == SENT
    finally:
        down.clear()
        down_for_a.clear()
        host_a.stop(within=1)
        host_b.stop(within=1)


def test_a_post_in_flight_longer_than_the_lease_is_sent_once(store, other_store, fake_slack):
    """Slack takes three leases to answer; the sender renews while it waits, so the other host leaves it alone."""
    fake_slack.delay("chat.postMessage", 3 * LEASE)
    host_a, host_b = _sender(store, fake_slack, "host-a:1"), _sender(other_store, fake_slack, "host-b:2")
    host_b.start()
    _keep(store)
    host_a.start()
    host_a.nudge("C0LEASE1")
    try:
        assert _wait(lambda: _status(store) == SENT)
        time.sleep(2 * LEASE)
        assert len(fake_slack.posted()) == 1
    finally:
        host_a.stop(within=1)
        host_b.stop(within=1)


def test_a_stopped_senders_answer_comes_back_and_the_log_names_it(store, other_store, fake_slack, caplog):
    """An answer taken by a sender that then stopped (never renewed) is sent by the other host after its lease."""
    _keep(store)
    Outbox(store=store, lease_seconds=LEASE, owner=lambda: "host-a:1").take("C0LEASE1")  # ... and host A dies
    host_b = _sender(other_store, fake_slack, "host-b:2")
    with caplog.at_level(logging.WARNING, logger="evalbot.slack.transport.outbox.sender"):
        host_b.start()
        try:
            assert fake_slack.wait_posted(1, timeout=10) and _wait(lambda: _status(store) == SENT)
        finally:
            host_b.stop(within=1)
    [line] = [r for r in caplog.records if getattr(r, "reclaimed", 0)]
    assert line.lease_holders == ["host-a:1"] and "host-a:1" in line.getMessage()
