"""A fault every delivery runs into (a full disk, a database down) is logged once a minute, with a count, not once per delivery."""

import logging
import threading
import time
from collections.abc import Callable

from evalbot.metrics import instruments


class FaultLog:
    """Logs the first occurrence of a recurring fault, then at most one line per `every` seconds.

    Args:
        logger: where the lines go (at ERROR).
        what: what failed, e.g. "cannot keep answers".
        every: seconds between lines.
        clock: monotonic seconds; tests pass a fake.
    """

    def __init__(self, logger: logging.Logger, what: str, *, every: float = 60.0,
                 clock: Callable[[], float] = time.monotonic):
        self._logger, self._what, self._every, self._clock = logger, what, every, clock
        self._lock = threading.Lock()
        self._last: float | None = None
        self._since = 0

    def report(self, error: Exception, **extra: object) -> None:
        """Count one occurrence of `error`; log it if the last line is old enough."""
        instruments.store_faults.inc()
        with self._lock:
            self._since += 1
            now = self._clock()
            if self._last is not None and now - self._last < self._every:
                return
            count, self._since, self._last = self._since, 0, now
        self._logger.error("%s: %s (%s times since the last report)", self._what, error, count,
                           extra={"occurrences": count, **extra})
