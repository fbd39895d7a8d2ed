"""Which Events API deliveries were already handled, in the state store (`delivery_claims`).

Slack retries a delivery (same `event_id`, header `X-Slack-Retry-Num`) when it thinks
the first one failed, and the retry can land on another worker, another host, or a
restarted process. Claiming an id is one `INSERT ... ON CONFLICT` on the shared table
(SQLite file or PostgreSQL): the first claim wins everywhere. An expired claim (Slack
stops retrying within the hour) may be taken over, and expired rows are swept now and then.

A second line of defence, per process: the ids this process claimed in the last hour are
also kept in memory (up to `REMEMBERED`). A retry of one of them is a repeat even if the
store forgot it, and when the SQLite file is deleted and made again, each process writes
the ids it remembers back into the new file (at its next claim, or from the sender's
housekeeping within seconds), so no process answers them again.
"""

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from sqlalchemy import Connection, bindparam, delete

from evalbot.store import Store
from evalbot.store.engine import file_identity
from evalbot.store.schema import delivery_claims
from evalbot.store.upsert import dialect_insert

log = logging.getLogger(__name__)
DEFAULT_TTL_SECONDS = 3600.0
_SWEEP_EVERY = 500  # claims between sweeps of expired ids
REMEMBERED = 50_000  # ids kept in memory per process: an hour at 14 deliveries a second


class DeliveryClaims:
    """First-claim-wins event ids with a time to live.

    Args:
        store: the state store.
        ttl_seconds: how long an id is remembered.
        clock: wall-clock seconds (shared by hosts, so not monotonic); tests pass a fake.
    """

    def __init__(self, *, store: Store, ttl_seconds: float = DEFAULT_TTL_SECONDS,
                 clock: Callable[[], float] = time.time):
        self.store = store
        self.ttl_seconds = ttl_seconds
        self._clock = clock
        self._claims = 0
        self._recent: OrderedDict[str, float] = OrderedDict()  # event id -> when its claim expires
        self._lock = threading.Lock()
        self._file = file_identity(store.engine)
        insert = dialect_insert(store.dialect, delivery_claims)
        self._write_back = insert.on_conflict_do_nothing(index_elements=[delivery_claims.c.event_id])
        # Insert, or take over an expired row; a row comes back exactly when this caller claimed the id.
        self._claim = insert.on_conflict_do_update(
            index_elements=[delivery_claims.c.event_id],
            set_={"expires_at": insert.excluded.expires_at},
            where=delivery_claims.c.expires_at <= bindparam("now"),
        ).returning(delivery_claims.c.event_id)

    def claim(self, connection: Connection, event_id: str) -> bool:
        """Claim `event_id` inside the caller's transaction: True for its first delivery.

        Call `remember` once that transaction is committed.
        """
        now = self._clock()
        if self._remembered(event_id, now):
            return False
        self._write_back_if_replaced(connection)
        claimed = connection.execute(
            self._claim, {"event_id": event_id, "expires_at": now + self.ttl_seconds, "now": now}
        ).first() is not None
        self._claims += 1
        if self._claims % _SWEEP_EVERY == 0:
            connection.execute(delete(delivery_claims).where(delivery_claims.c.expires_at <= now))
        return claimed

    def first_time(self, event_id: str) -> bool:
        """Claim `event_id` in a transaction of its own (deliveries with nothing to keep, e.g. Home tab opens).

        Raises:
            StoreUnavailable: the store cannot record the claim (see `evalbot.store.store`).
        """
        claimed = self.store.run(lambda connection: self.claim(connection, event_id))
        if claimed:
            self.remember(event_id)
        return claimed

    def remember(self, event_id: str) -> None:
        """`event_id`'s claim was committed: keep it in this process's memory too."""
        with self._lock:
            self._recent[event_id] = self._clock() + self.ttl_seconds
            self._recent.move_to_end(event_id)
            while len(self._recent) > REMEMBERED:
                self._recent.popitem(last=False)

    def _remembered(self, event_id: str, now: float) -> bool:
        with self._lock:
            expires = self._recent.get(event_id)
            return expires is not None and expires > now

    def write_back_if_replaced(self) -> int:
        """If the SQLite file was deleted and made again, claim the remembered ids in the new one; how many.
        (The sender's housekeeping calls this, so an idle process writes back too.)"""
        return self.store.run(self._write_back_if_replaced)

    def _write_back_if_replaced(self, connection: Connection) -> int:
        current = file_identity(self.store.engine)
        if current is None or current == self._file:
            return 0
        now = self._clock()
        with self._lock:
            rows = [{"event_id": event_id, "expires_at": expires} for event_id, expires in self._recent.items()
                    if expires > now]
        if rows:
            connection.execute(self._write_back, rows)
        self._file = current
        log.warning("the state store's file was made again: %s deliveries this process answered in the last hour "
                    "claimed again", len(rows), extra={"claims_written_back": len(rows)})
        return len(rows)
