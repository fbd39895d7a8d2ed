"""A thread pool whose tasks keep the submitter's context (its request id) and can be drained."""

import contextvars
import threading
from concurrent.futures import Future, ThreadPoolExecutor


class ContextThreadPoolExecutor(ThreadPoolExecutor):
    """Runs each task in a copy of the submitting thread's `contextvars` context.

    Bolt runs listeners after the ack on this pool; copying the context carries the
    delivery's request id into their log lines. `shutdown(wait=True)` drains it.

    `run_next_inline()` makes the calling thread's next `submit` run the task right
    there, before returning (a completed future). The middleware asks for it on a
    slash command: Bolt then runs the command's listener in the request thread, and
    its `ack()` is set when Bolt starts waiting for it, instead of one thread hop and
    up to 10 ms of Bolt's ack polling later.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._idle = threading.Condition()
        self._pending = 0
        self._inline = threading.local()

    def run_next_inline(self, inline: bool = True) -> None:
        """Run (or, with False, stop running) the calling thread's next submitted task in place."""
        self._inline.next = inline

    def submit(self, fn, /, *args, **kwargs) -> Future:
        if getattr(self._inline, "next", False):
            self._inline.next = False
            return _run_here(fn, args, kwargs)
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


def _run_here(fn, args, kwargs) -> Future:
    future: Future = Future()
    try:
        result = fn(*args, **kwargs)
    except Exception as e:  # noqa: BLE001 - handed to the future, as the pool would
        future.set_exception(e)
    else:
        future.set_result(result)
    return future
