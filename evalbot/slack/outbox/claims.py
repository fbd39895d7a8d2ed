"""Which Events API deliveries were already handled, in the state store (`delivery_claims`).

Slack retries a delivery (same `event_id`, header `X-Slack-Retry-Num`) when it thinks
the first one failed, and the retry can land on another worker, another host, or a
restarted process. Claiming an id is one `INSERT ... ON CONFLICT` on the shared table
(SQLite file or PostgreSQL): the first claim wins everywhere. An expired claim (Slack
stops retrying within the hour) may be taken over, and expired rows are swept now and then.
"""

import time
from collections.abc import Callable

from sqlalchemy import Connection, bindparam, delete

from evalbot.store import Store
from evalbot.store.schema import delivery_claims
from evalbot.store.upsert import dialect_insert

DEFAULT_TTL_SECONDS = 3600.0
_SWEEP_EVERY = 500  # claims between sweeps of expired ids


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
        insert = dialect_insert(store.dialect, delivery_claims)
        # Insert, or take over an expired row; a row comes back exactly when this caller claimed the id.
        self._claim = insert.on_conflict_do_update(
            index_elements=[delivery_claims.c.event_id],
            set_={"expires_at": insert.excluded.expires_at},
            where=delivery_claims.c.expires_at <= bindparam("now"),
        ).returning(delivery_claims.c.event_id)

    def claim(self, connection: Connection, event_id: str) -> bool:
        """Claim `event_id` inside the caller's transaction: True for its first delivery."""
        now = self._clock()
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
        return self.store.run(lambda connection: self.claim(connection, event_id))
