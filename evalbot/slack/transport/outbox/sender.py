"""The sender: a few threads per process post the outbox's due answers, one channel per thread at a time.

- Woken when this process keeps an answer (`nudge(channel)`: that channel is sent without
  asking the database which are due), and every `POLL_SECONDS` (or when the next waiting
  answer is due) for answers other processes kept, waits that are over, and those left by
  a previous run.
- A channel is sent by one thread of this process at a time, oldest answer first, so a
  slow or rate-limited channel holds one thread, never the others' answers.
- A 429 puts the channel's answers back until Slack's `Retry-After` (plus a little jitter,
  so channels limited together do not all retry in the same instant).
- `stop(within=...)`: keep sending until the outbox is empty or the time is up, let the
  sends in flight finish, and log how many answers are left for the next start.
- Leases (fencing): an answer taken to send is leased to this process, and the lease is
  renewed every third of its length while the post is in flight or its outcome waits to
  be recorded (the store was down). Another process puts an answer back only when its
  lease ran out, and only once the store has answered it for a whole lease itself: after
  an outage every live sender has had that time to renew, so only a stopped sender's
  answers are sent again (and the log names it).
"""

import logging
import random
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from slack_sdk import WebClient

from evalbot.errors import StoreUnavailable
from evalbot.slack.transport.outbox.faults import FaultLog
from evalbot.slack.transport.outbox.posting import Outcome, post
from evalbot.metrics import instruments
from evalbot.slack.transport.outbox.queue import FAILED, SENT, UNKNOWN, Outbox, Outgoing
from evalbot.slack.transport.web import describe_failure

log = logging.getLogger(__name__)

SENDER_THREADS = 4
POLL_SECONDS = 0.5
HOUSEKEEPING_SECONDS = 5.0
MAX_JITTER = 0.5  # seconds added at random to each rate-limited channel's wait


class Sender:
    """Posts the outbox's answers from this process.

    Args:
        outbox: the outbox rows.
        client_for: the Web API client that posts a given answer (its workspace's token);
            it must retry nothing by itself (see `evalbot.slack.transport.outbox.posting`).
        threads: how many channels this process sends to at once.
        chores: more housekeeping, run with the outbox's every few seconds off the request path
            (the retention purge, which decides for itself how often it works).
    """

    def __init__(self, *, outbox: Outbox, client_for: Callable[[Outgoing], WebClient], threads: int = SENDER_THREADS,
                 chores: Callable[[], object] | None = None, housekeeping_seconds: float = HOUSEKEEPING_SECONDS):
        self.outbox = outbox
        self.client_for = client_for
        self.threads = threads
        self._chores = chores
        self._housekeeping_seconds = housekeeping_seconds
        self._held: set[int] = set()  # answers this process took and has not recorded yet: their leases are renewed
        self._store_up_since: float | None = time.monotonic()  # None while the store fails
        self._wake = threading.Event()
        self._lock = threading.Lock()
        self._busy: set[str] = set()
        self._nudged: set[str] = set()  # channels this process just kept an answer for
        self._dispatcher: threading.Thread | None = None
        self._pool: ThreadPoolExecutor | None = None
        self._deadline: float | None = None  # monotonic; set by stop()
        # Outcomes the store could not record (e.g. a full disk): recorded again before anything
        # else, so an answer Slack accepted is never taken for unsent and posted twice.
        self._unrecorded: dict[int, tuple[Outgoing, str, str | None]] = {}
        # The sender polls twice a second: a store fault would otherwise be logged as often.
        self._store_faults = FaultLog(log, "the outbox cannot be read; answers wait until the store is back")

    def start(self) -> None:
        """Start sending (in each worker process, after the fork); once is enough."""
        with self._lock:
            if self._dispatcher is not None:
                return
            self._pool = ThreadPoolExecutor(max_workers=self.threads, thread_name_prefix="evalbot-sender")
            self._dispatcher = threading.Thread(target=self._run, name="evalbot-outbox", daemon=True)
            self._dispatcher.start()

    def nudge(self, channel: str | None = None) -> None:
        """An answer was kept (for `channel`): send now rather than at the next poll."""
        if channel is not None:
            with self._lock:
                self._nudged.add(channel)
        self._wake.set()

    def stop(self, *, within: float) -> int | None:
        """Drain for at most `within` seconds (plus the sends in flight); the answers left, None if unknown."""
        with self._lock:
            dispatcher, pool = self._dispatcher, self._pool
            self._deadline = time.monotonic() + within
        self._wake.set()
        if dispatcher is not None and pool is not None:
            dispatcher.join()
            pool.shutdown(wait=True)
        try:
            self._record_again()
            left = self.outbox.pending()
        except StoreUnavailable as e:
            log.error("sender stopped; the outbox cannot be counted: %s", e)
            return None
        if left:
            log.warning("sender stopped: %s answers left in the outbox for the next start", left,
                        extra={"pending": left})
        else:
            log.info("sender stopped: outbox empty", extra={"pending": 0})
        return left

    def _stopping(self) -> bool:
        return self._deadline is not None

    def _out_of_time(self) -> bool:
        return self._deadline is not None and time.monotonic() >= self._deadline

    def _run(self) -> None:
        housekeeping_due, poll_due, renew_due = 0.0, 0.0, 0.0
        while not self._out_of_time():
            self._wake.wait(max(0.0, min(poll_due, renew_due) - time.monotonic()))
            self._wake.clear()
            with self._lock:
                nudged, self._nudged = self._nudged, set()
            channels = list(nudged)
            try:
                self._record_again()
                if time.monotonic() >= renew_due:
                    with self._lock:
                        held = sorted(self._held)
                    self.outbox.renew(held)
                    renew_due = time.monotonic() + self.outbox.lease_seconds / 3
                if self._store_up_since is None:
                    self._store_up_since = time.monotonic()
                if time.monotonic() >= housekeeping_due:
                    self._housekeep()
                    housekeeping_due = time.monotonic() + self._housekeeping_seconds
                if time.monotonic() >= poll_due or self._stopping():
                    channels = self.outbox.due_channels()
                    # Poll again when the next waiting answer is due, not only every POLL_SECONDS:
                    # channels whose Retry-After ends at different moments are retried at those moments.
                    due_in = self.outbox.next_due_in()
                    poll_due = time.monotonic() + (POLL_SECONDS if due_in is None else min(POLL_SECONDS, due_in))
            except StoreUnavailable as e:
                self._store_faults.report(e)
                self._store_up_since = None
                poll_due = time.monotonic() + POLL_SECONDS
                continue
            except Exception:  # noqa: BLE001 - the dispatcher must outlive a bug: logged, then the next round
                log.exception("the sender failed to look at the outbox")
                poll_due = time.monotonic() + POLL_SECONDS
                continue
            for channel in channels:
                if self._claim_channel(channel):
                    self._pool.submit(self._send_channel, channel)
                elif channel in nudged:
                    with self._lock:  # busy now: looked at again when a thread is done
                        self._nudged.add(channel)
            if self._stopping() and not channels and not self._busy:
                return

    def _claim_channel(self, channel: str) -> bool:
        with self._lock:
            if channel in self._busy or len(self._busy) >= self.threads:
                return False
            self._busy.add(channel)
            return True

    def _send_channel(self, channel: str) -> None:
        """Send `channel`'s due answers in order, until none is due, one must wait, or time is up."""
        try:
            while not self._out_of_time():
                outgoing = self.outbox.take(channel)
                if outgoing is None:
                    return
                with self._lock:
                    self._held.add(outgoing.id)
                try:
                    outcome = post(self.client_for(outgoing), outgoing)
                    self._record(outgoing, outcome)
                finally:
                    with self._lock:  # recorded, or never posted: its lease may run out
                        if outgoing.id not in self._unrecorded:
                            self._held.discard(outgoing.id)
                if outcome.retry_in is not None:
                    return
        except StoreUnavailable as e:
            self._store_faults.report(e, channel=channel)
            self._store_up_since = None
        except Exception:  # noqa: BLE001 - a thread's last stop: logged with its traceback, the channel freed
            log.exception("the sender failed on a channel; its answers wait for the next round",
                          extra={"channel": channel})
        finally:
            with self._lock:
                self._busy.discard(channel)
            self._wake.set()

    def _record(self, outgoing: Outgoing, outcome: Outcome) -> None:
        if outcome.sent:
            self._settle(outgoing, SENT)
            instruments.answers_sent.labels(path="outbox").inc()
            if outgoing.created_at:
                instruments.answer_seconds.observe(max(0.0, time.time() - outgoing.created_at))
            return
        about = {"channel": outgoing.channel, "event_id": outgoing.event_id, "attempts": outgoing.attempts,
                 **outcome.failure}
        why = describe_failure(outcome.failure)
        where = f"channel={outgoing.channel} event_id={outgoing.event_id}"
        if outcome.rate_limited:
            instruments.rate_limited.inc()
            wait = outcome.retry_in + random.uniform(0, MAX_JITTER)
            log.info("rate limited %s: the channel's answers wait %.1f s", where, wait, extra=about)
            self.outbox.retry_later(outgoing, wait=wait, error=why, whole_channel=True)
        elif outcome.retry_in is not None:
            log.warning("could not post an answer %s: %s; trying again in %.1f s", where, why, outcome.retry_in,
                        extra=about)
            self.outbox.retry_later(outgoing, wait=outcome.retry_in, error=why, whole_channel=False)
        elif outcome.ambiguous:
            log.error("an answer may or may not have been posted %s: %s", where, why, extra=about)
            self._settle(outgoing, UNKNOWN, why)
        else:
            log.error("Slack refused an answer %s: %s", where, why, extra=about)
            self._settle(outgoing, FAILED, why)

    def _settle(self, outgoing: Outgoing, status: str, error: str | None = None) -> None:
        try:
            self.outbox.settle(outgoing, status, error=error)
        except StoreUnavailable:
            with self._lock:
                self._unrecorded[outgoing.id] = (outgoing, status, error)
            raise

    def _record_again(self) -> None:
        with self._lock:
            waiting = list(self._unrecorded.values())
        for outgoing, status, error in waiting:
            self.outbox.settle(outgoing, status, error=error)
            with self._lock:
                self._unrecorded.pop(outgoing.id, None)
                self._held.discard(outgoing.id)

    def _housekeep(self) -> None:
        expired = self.outbox.expire()
        if expired:
            instruments.expired.inc(len(expired))
            log.warning("%s answers expired unsent after 10 minutes", len(expired),
                        extra={"expired": len(expired), "channels": sorted(set(expired))})
        up_since = self._store_up_since
        # Right after the store was down, every sender's lease looks expired: wait one whole lease
        # of a working store, in which a live sender renews its own, before taking any over.
        if up_since is not None and time.monotonic() - up_since >= self.outbox.lease_seconds:
            holders = self.outbox.reclaim()
            if holders:
                log.warning("%s answers are sent again: their lease expired, held by %s, which renewed none for "
                            "%.0f s and so stopped mid-send (each may appear twice)", len(holders),
                            ", ".join(sorted(set(holders))), self.outbox.lease_seconds,
                            extra={"reclaimed": len(holders), "lease_holders": sorted(set(holders))})
        self.outbox.purge()
        if self._chores is not None:
            self._chores()
