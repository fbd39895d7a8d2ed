"""The outbox table: answers kept before the ack, taken one at a time to send, and what became of each.

A row is `pending` until a sender takes it (`sending`, leased to that sender for
`LEASE_SECONDS` and renewed while the post is in flight or its outcome waits to be recorded), then
`sent`, `failed` (Slack refused it for good), `unknown` (the connection dropped after
the request went out: it may have been posted, so it is not sent again) or `expired`
(still unsent `EXPIRE_SECONDS` after the ack). Any process on any host may take any
pending row; the conditional `UPDATE` that takes it lets exactly one win.
"""

import json
import os
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, delete, func, insert, select, update

from evalbot.store import Store
from evalbot.store.schema import outbox

EXPIRE_SECONDS = 600.0  # an answer not sent within 10 minutes is no longer worth sending
# A row taken to send and not settled within this time belongs to a sender that died.
LEASE_SECONDS = 30.0
KEEP_SETTLED_SECONDS = 3600.0  # settled rows stay this long, for inspection
PENDING, SENDING, SENT, FAILED, UNKNOWN, EXPIRED = "pending", "sending", "sent", "failed", "unknown", "expired"


@dataclass(frozen=True, kw_only=True)
class Outgoing:
    """One answer to post: the outbox row's id, where it goes, and the Web API call's arguments."""

    id: int
    event_id: str | None
    team_id: str | None
    channel: str
    method: str
    arguments: dict
    attempts: int
    created_at: float = 0.0  # when it was kept: the time to answer is measured from here


def this_sender() -> str:
    """`host:pid`: who holds a lease, named in the log when one expires."""
    return f"{socket.gethostname()}:{os.getpid()}"


class Outbox:
    """The outbox rows of the state store.

    Args:
        store: the state store.
        clock: wall-clock seconds (shared by hosts); tests pass a fake.
        lease_seconds: how long a taken answer stays this sender's without a renewal.
        owner: who takes answers through this outbox (`this_sender()`, looked up when taking:
            a forked worker is another process).
    """

    def __init__(self, *, store: Store, clock: Callable[[], float] = time.time, lease_seconds: float = LEASE_SECONDS,
                 owner: Callable[[], str] = this_sender):
        self.store = store
        self._clock = clock
        self.lease_seconds = lease_seconds
        self._owner = owner

    def add(self, connection: Connection, *, event_id: str | None, team_id: str | None, channel: str,
            thread_ts: str | None, message: dict, hold: float = 0.0, user_hash: str | None = None) -> None:
        """Keep `message` for `channel` (in `thread_ts`) inside the caller's transaction.

        Args:
            hold: seconds before it may be sent, unless `release`d sooner.
            user_hash: the asker's pseudonym, so `evalbot forget` finds the answers not yet sent.
        """
        now = self._clock()
        arguments = {"channel": channel, "thread_ts": thread_ts, "unfurl_links": False, **message}
        # One statement with the row as parameters: SQLAlchemy compiles it once and reuses it.
        connection.execute(insert(outbox), {
            "event_id": event_id, "team_id": team_id, "channel": channel, "thread_ts": thread_ts,
            "method": "chat.postMessage", "payload": json.dumps(arguments), "status": PENDING, "attempts": 0,
            "not_before": now + hold, "created_at": now, "expires_at": now + EXPIRE_SECONDS, "user_hash": user_hash,
        })

    def release(self, event_id: str) -> None:
        """A held answer may be sent now."""
        self.store.run(lambda connection: connection.execute(
            update(outbox).where(outbox.c.event_id == event_id, outbox.c.status == PENDING)
            .values(not_before=self._clock())))

    def due_channels(self, *, limit: int = 200) -> list[str]:
        """Channels with a pending answer due now, oldest answer first."""
        query = (select(outbox.c.channel, func.min(outbox.c.id).label("first"))
                 .where(outbox.c.status == PENDING, outbox.c.not_before <= self._clock())
                 .group_by(outbox.c.channel).order_by("first").limit(limit))
        return self.store.run(lambda connection: [row.channel for row in connection.execute(query)])

    def next_due_in(self) -> float | None:
        """Seconds until the next waiting answer is due (a channel's `Retry-After`, a retry); None if none waits."""
        now = self._clock()
        query = select(func.min(outbox.c.not_before)).where(outbox.c.status == PENDING, outbox.c.not_before > now)
        due = self.store.run(lambda connection: connection.execute(query).scalar())
        return None if due is None else max(0.0, due - now)

    def take(self, channel: str) -> Outgoing | None:
        """Take the oldest due answer for `channel` to send (leased to this sender); None when there is none."""
        return self.store.run(lambda connection: self._take(connection, channel))

    def _take(self, connection: Connection, channel: str) -> Outgoing | None:
        now = self._clock()
        # A channel's answers go in order: its oldest waiting answer, or none while that one must wait.
        oldest = (select(func.min(outbox.c.id))
                  .where(outbox.c.channel == channel, outbox.c.status == PENDING).scalar_subquery())
        take = (update(outbox).where(outbox.c.id == oldest, outbox.c.status == PENDING, outbox.c.not_before <= now)
                .values(status=SENDING, attempts=outbox.c.attempts + 1, not_before=now + self.lease_seconds,
                        leased_by=self._owner())
                .returning(outbox.c.id, outbox.c.event_id, outbox.c.team_id, outbox.c.method, outbox.c.payload,
                           outbox.c.attempts, outbox.c.created_at))
        waiting = select(outbox.c.not_before).where(outbox.c.id == oldest)
        while True:
            row = connection.execute(take).first()
            if row is not None:
                return Outgoing(id=row.id, event_id=row.event_id, team_id=row.team_id, channel=channel,
                                method=row.method, arguments=json.loads(row.payload), attempts=row.attempts,
                                created_at=row.created_at)
            due = connection.execute(waiting).scalar()
            if due is None or due > now:  # nothing left, or the channel must wait (Retry-After, a retry)
                return None

    def settle(self, outgoing: Outgoing, status: str, *, error: str | None = None) -> None:
        """Record how sending `outgoing` ended (`SENT`, `FAILED` or `UNKNOWN`)."""
        values = {"status": status, "last_error": error}
        if status == SENT:
            values["sent_at"] = self._clock()
        self.store.run(lambda connection: connection.execute(
            update(outbox).where(outbox.c.id == outgoing.id).values(**values)))

    def retry_later(self, outgoing: Outgoing, *, wait: float, error: str, whole_channel: bool) -> None:
        """Put `outgoing` back, due in `wait` seconds; with `whole_channel` (a 429) the channel's other answers wait too."""

        def put_back(connection: Connection) -> None:
            at = self._clock() + wait
            connection.execute(update(outbox).where(outbox.c.id == outgoing.id)
                               .values(status=PENDING, not_before=at, last_error=error))
            if whole_channel:
                connection.execute(update(outbox).where(outbox.c.channel == outgoing.channel,
                                                        outbox.c.status == PENDING, outbox.c.not_before < at)
                                   .values(not_before=at))

        self.store.run(put_back)

    def expire(self) -> list[str]:
        """Mark answers still unsent after `EXPIRE_SECONDS` as expired; the channels of those expired."""

        def expire_rows(connection: Connection) -> list[str]:
            now = self._clock()
            stale = (outbox.c.status == PENDING) & (outbox.c.expires_at <= now)
            channels = [row.channel for row in connection.execute(select(outbox.c.channel).where(stale))]
            if channels:
                connection.execute(update(outbox).where(stale).values(status=EXPIRED))
            return channels

        return self.store.run(expire_rows)

    def renew(self, ids: list[int]) -> int:
        """Extend this sender's leases on the answers `ids` it still holds; how many were renewed."""
        if not ids:
            return 0
        return self.store.run(lambda connection: connection.execute(
            update(outbox).where(outbox.c.id.in_(ids), outbox.c.status == SENDING)
            .values(not_before=self._clock() + self.lease_seconds)).rowcount)

    def reclaim(self) -> list[str]:
        """Put back answers whose sender renewed no lease in time (it stopped); who held each."""
        return self.store.run(lambda connection: [row.leased_by or "unknown" for row in connection.execute(
            update(outbox).where(outbox.c.status == SENDING, outbox.c.not_before <= self._clock())
            .values(status=PENDING, last_error="its sender stopped while sending").returning(outbox.c.leased_by))])

    def purge(self) -> int:
        """Delete settled rows older than `KEEP_SETTLED_SECONDS`; how many."""
        return self.store.run(lambda connection: connection.execute(
            delete(outbox).where(outbox.c.status.not_in((PENDING, SENDING)),
                                 outbox.c.created_at <= self._clock() - KEEP_SETTLED_SECONDS)).rowcount)

    def pending(self) -> int:
        """How many answers wait to be sent (by any process)."""
        return self.store.run(lambda connection: connection.execute(
            select(func.count()).select_from(outbox).where(outbox.c.status.in_((PENDING, SENDING)))).scalar_one())
