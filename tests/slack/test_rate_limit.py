"""The per-user token bucket on free text: burst, refill, independence, eviction, threads."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from evalbot.slack.transport.rate_limit import RateLimiter


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, start: float = 1000.0):
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def allowed(limiter: RateLimiter, user: str, times: int) -> int:
    return sum(limiter.allow(user) for _ in range(times))


@pytest.mark.parametrize("burst", [1, 5, 20])
def test_burst_then_refused(clock, burst):
    """A fresh user gets exactly `burst` messages at once, then is refused."""
    limiter = RateLimiter(burst=burst, per_second=1.0, clock=clock)
    assert allowed(limiter, "U1", burst) == burst
    assert not limiter.allow("U1")


def test_default_is_burst_of_20_then_one_a_second(clock):
    """Defaults: 20 at once, then one message per second."""
    limiter = RateLimiter(clock=clock)
    assert allowed(limiter, "U1", 25) == 20
    for _ in range(10):
        clock.advance(1.0)
        assert limiter.allow("U1")
        assert not limiter.allow("U1")


@pytest.mark.parametrize(
    ("per_second", "wait", "expected"),
    [(1.0, 0.5, 0), (1.0, 0.999, 0), (1.0, 1.0, 1), (1.0, 3.5, 3), (2.0, 1.0, 2), (0.5, 1.9, 0), (0.5, 2.0, 1)],
)
def test_refill_rate(clock, per_second, wait, expected):
    """After the burst, `wait` seconds buy back `per_second * wait` whole messages."""
    limiter = RateLimiter(burst=5, per_second=per_second, clock=clock)
    allowed(limiter, "U1", 5)
    clock.advance(wait)
    assert allowed(limiter, "U1", 10) == expected


def test_refill_never_exceeds_burst(clock):
    """A long idle spell refills the bucket to `burst`, not beyond."""
    limiter = RateLimiter(burst=3, per_second=1.0, clock=clock)
    allowed(limiter, "U1", 3)
    clock.advance(3600)
    assert allowed(limiter, "U1", 10) == 3


def test_fractional_tokens_accumulate(clock):
    """Refill is continuous: ten waits of 0.1 s add up to one message."""
    limiter = RateLimiter(burst=1, per_second=1.0, clock=clock)
    assert limiter.allow("U1")
    for _ in range(9):
        clock.advance(0.1)
        assert not limiter.allow("U1")
    clock.advance(0.1 + 1e-9)
    assert limiter.allow("U1")


def test_clock_stepping_back_does_not_drain_or_grant(clock):
    """A clock that steps backwards neither refills nor empties a bucket."""
    limiter = RateLimiter(burst=2, per_second=1.0, clock=clock)
    allowed(limiter, "U1", 2)
    clock.advance(-100)
    assert not limiter.allow("U1")
    clock.advance(101)
    assert limiter.allow("U1")


def test_users_are_independent(clock):
    """One user spending their burst leaves every other user's bucket full."""
    limiter = RateLimiter(burst=3, per_second=1.0, clock=clock)
    assert allowed(limiter, "U1", 10) == 3
    assert allowed(limiter, "U2", 10) == 3
    assert allowed(limiter, "U3", 1) == 1
    clock.advance(1.0)
    assert allowed(limiter, "U1", 10) == 1
    assert allowed(limiter, "U3", 10) == 3


@pytest.mark.parametrize("max_users", [1, 3, 100])
def test_memory_is_bounded(clock, max_users):
    """However many users write, at most `max_users` buckets are kept."""
    limiter = RateLimiter(burst=2, per_second=1.0, clock=clock, max_users=max_users)
    for index in range(max_users * 5):
        limiter.allow(f"U{index}")
        assert len(limiter) <= max_users


def test_eviction_drops_least_recently_used(clock):
    """At the cap, the user seen longest ago is forgotten; recent users keep their state."""
    limiter = RateLimiter(burst=2, per_second=0.001, clock=clock, max_users=2)
    allowed(limiter, "old", 2)
    allowed(limiter, "recent", 2)
    allowed(limiter, "old", 1)  # touching "old" makes "recent" the least recently used
    allowed(limiter, "new", 1)  # evicts "recent"
    assert not limiter.allow("old"), "old kept its empty bucket"
    assert allowed(limiter, "recent", 2) == 2, "recent was evicted and starts afresh"


def test_idle_full_buckets_are_dropped_first(clock):
    """Buckets idle long enough to have refilled are dropped; they carry no state."""
    limiter = RateLimiter(burst=2, per_second=1.0, clock=clock, max_users=10)
    for index in range(5):
        limiter.allow(f"U{index}")
    clock.advance(2.0)
    limiter.allow("late")
    assert len(limiter) == 1


def test_busy_user_survives_eviction(clock):
    """A user still refilling is not given a fresh burst by idle users being dropped."""
    limiter = RateLimiter(burst=2, per_second=1.0, clock=clock, max_users=3)
    limiter.allow("idle")
    clock.advance(1.0)
    allowed(limiter, "busy", 2)
    clock.advance(1.5)  # "idle" is now full again; "busy" has 1.5 tokens
    limiter.allow("newcomer")
    assert len(limiter) == 2
    assert allowed(limiter, "busy", 5) == 1


@pytest.mark.parametrize(
    "kwargs",
    [{"burst": 0}, {"burst": -1}, {"per_second": 0.0}, {"per_second": -1.0}, {"per_second": float("nan")},
     {"max_users": 0}],
)
def test_rejects_bad_settings(kwargs):
    """Settings that could never allow a message are refused at construction."""
    with pytest.raises(ValueError):
        RateLimiter(**kwargs)


def test_thread_safety_smoke(clock):
    """Many threads hammering shared users never grant more than the burst."""
    limiter = RateLimiter(burst=50, per_second=1.0, clock=clock, max_users=1000)
    users = [f"U{index}" for index in range(8)]
    start = threading.Barrier(16)

    def hammer(worker: int) -> dict[str, int]:
        start.wait()
        granted = dict.fromkeys(users, 0)
        for round_ in range(400):
            user = users[(worker + round_) % len(users)]
            granted[user] += limiter.allow(user)
        return granted

    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(hammer, range(16)))
    for user in users:
        assert sum(result[user] for result in results) == 50


def test_thread_safety_with_eviction_and_real_clock():
    """Concurrent new users under a small cap neither crash nor exceed the cap."""
    limiter = RateLimiter(burst=1, per_second=1000.0, max_users=64)
    errors: list[BaseException] = []

    def churn(worker: int) -> None:
        try:
            for index in range(2000):
                limiter.allow(f"W{worker}-{index % 300}")
        except BaseException as e:  # noqa: BLE001 - the test reports any failure
            errors.append(e)

    threads = [threading.Thread(target=churn, args=(worker,)) for worker in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(limiter) <= 64
