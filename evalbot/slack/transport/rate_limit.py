"""A per-user token bucket for free-text messages, so one user (or a bot loop) cannot hammer the app.

Each user has a bucket holding up to `burst` tokens that refills at `per_second`
tokens a second. A message costs one token; with none left it is refused. The
Slack layer decides what to say when a message is refused.

Memory is bounded: at most `max_users` buckets are kept, in least-recently-used
order. A bucket idle long enough to have refilled completely carries no state
(a fresh bucket is identical), so those are dropped first; only when every kept
bucket is still refilling is the least recently used one evicted anyway.
"""

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(slots=True)
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """Thread-safe per-user token buckets.

    Args:
        burst: how many messages a user may send at once (the bucket's size).
        per_second: tokens added back each second after the burst is spent.
        clock: a monotonic clock in seconds; tests pass a fake one.
        max_users: the most buckets kept in memory.

    Raises:
        ValueError: for a burst below 1, a non-positive rate, or max_users below 1.
    """

    def __init__(
        self,
        *,
        burst: int = 20,
        per_second: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        max_users: int = 10_000,
    ):
        if burst < 1:
            raise ValueError(f"burst must be at least 1, not {burst}")
        if not per_second > 0:
            raise ValueError(f"per_second must be positive, not {per_second}")
        if max_users < 1:
            raise ValueError(f"max_users must be at least 1, not {max_users}")
        self.burst = burst
        self.per_second = per_second
        self.max_users = max_users
        self._clock = clock
        self._refill_seconds = burst / per_second
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()
        self._lock = threading.Lock()

    def allow(self, user_id: str) -> bool:
        """Spend one of `user_id`'s tokens; False when they have none left."""
        with self._lock:
            now = self._clock()
            bucket = self._buckets.get(user_id)
            if bucket is None:
                self._make_room(now)
                bucket = self._buckets[user_id] = _Bucket(tokens=float(self.burst), updated=now)
            else:
                self._buckets.move_to_end(user_id)
                # max(0, ...): a clock that steps back must not drain the bucket.
                elapsed = max(0.0, now - bucket.updated)
                bucket.tokens = min(float(self.burst), bucket.tokens + elapsed * self.per_second)
                bucket.updated = max(bucket.updated, now)
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return True
            return False

    def __len__(self) -> int:
        """How many buckets are held in memory."""
        with self._lock:
            return len(self._buckets)

    def _make_room(self, now: float) -> None:
        """Before adding a bucket: drop refilled idle buckets, then the LRU one if still full."""
        buckets = self._buckets
        while buckets:
            oldest = next(iter(buckets.values()))
            if now - oldest.updated < self._refill_seconds:
                break
            buckets.popitem(last=False)
        while len(buckets) >= self.max_users:
            buckets.popitem(last=False)
