"""Delivery claims in the state store: the first claim wins across threads, engines (hosts) and restarts."""

import threading

import pytest

from evalbot.slack.outbox.claims import DeliveryClaims


class Rollback(Exception):
    pass


def test_first_claim_wins_and_a_repeat_loses(store):
    claims = DeliveryClaims(store=store)
    assert claims.first_time("Ev1") is True
    assert claims.first_time("Ev1") is False
    assert claims.first_time("Ev2") is True


def test_a_claim_outlives_the_process_that_took_it(store, other_store):
    """Another engine (a restarted worker, another host) sees the claim."""
    DeliveryClaims(store=store).first_time("Ev1")
    assert DeliveryClaims(store=other_store).first_time("Ev1") is False


def test_an_expired_claim_can_be_taken_again(store):
    now = [1000.0]
    claims = DeliveryClaims(store=store, ttl_seconds=60, clock=lambda: now[0])
    assert claims.first_time("Ev1")
    now[0] += 59
    assert not claims.first_time("Ev1")
    now[0] += 2
    assert claims.first_time("Ev1")


def test_a_claim_in_a_rolled_back_transaction_is_not_kept(store):
    """The claim is kept with its answer or not at all: a failure after claiming leaves the id free."""
    claims = DeliveryClaims(store=store)

    def claim_then_fail(connection):
        assert claims.claim(connection, "Ev1")
        raise Rollback

    with pytest.raises(Rollback):
        store.run(claim_then_fail)
    assert claims.first_time("Ev1") is True


def test_racing_claims_from_two_hosts_each_id_is_won_once(store, other_store):
    ids = [f"EvRace{n}" for n in range(40)]
    wins: list[str] = []
    lock = threading.Lock()

    def claim_all(claims: DeliveryClaims) -> None:
        for event_id in ids:
            if claims.first_time(event_id):
                with lock:
                    wins.append(event_id)

    threads = [threading.Thread(target=claim_all, args=(DeliveryClaims(store=s),))
               for s in (store, other_store, store, other_store)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(wins) == sorted(ids)
