"""Delivery claims in the state store: the first claim wins across threads, engines (hosts) and restarts."""

import threading

import pytest

from evalbot.slack.transport.outbox.claims import DeliveryClaims


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


def _delete_sqlite_file(store) -> None:
    from pathlib import Path

    database = Path(store.engine.url.database)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_a_deleted_sqlite_file_does_not_make_answered_deliveries_new_again(store, other_store):
    """Two worker processes each answered a delivery; the file is deleted and made again. A retry of either,
    landing on either worker, is still a repeat: one remembers it, and each wrote its ids into the new file."""
    first, second = DeliveryClaims(store=store), DeliveryClaims(store=other_store)
    assert first.first_time("EvByFirst") and second.first_time("EvBySecond")
    _delete_sqlite_file(store)
    assert first.write_back_if_replaced() == 1  # the sender's housekeeping, in each process
    assert second.write_back_if_replaced() == 1
    for claims in (first, second):
        assert claims.first_time("EvByFirst") is False and claims.first_time("EvBySecond") is False
    assert second.first_time("EvNew") is True and first.first_time("EvNew") is False


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_a_claim_rolled_back_is_not_remembered(store):
    """Memory follows the database: a claim whose transaction failed stays claimable (Slack's retry answers)."""
    claims = DeliveryClaims(store=store)
    with pytest.raises(Rollback), store.engine.begin() as connection:
        assert claims.claim(connection, "EvRolledBack")
        raise Rollback
    assert claims.first_time("EvRolledBack") is True
