"""A thread pool whose tasks keep the submitter's context (its request id) and can be drained."""

import contextvars
import threading
from concurrent.futures import Future, ThreadPoolExecutor


class ContextThreadPoolExecutor(ThreadPoolExecutor):
    """Runs each task in a copy of the submitting thread's `contextvars` context.

    Bolt runs listeners after the ack on this pool; copying the context carries the
    delivery's request id into their log lines. `shutdown(wait=True)` drains it.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._idle = threading.Condition()
        self._pending = 0

    def submit(self, fn, /, *args, **kwargs) -> Future:
        with self._idle:
            self._pending += 1
        try:
            future = super().submit(contextvars.copy_context().run, fn, *args, **kwargs)
        except BaseException:
            self._finished(None)
            raise
        future.add_done_callback(self._finished)
        return future

    def _finished(self, _future: Future | None) -> None:
        with self._idle:
            self._pending -= 1
            self._idle.notify_all()

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until no task is queued or running (tasks may start more); False on timeout."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)
