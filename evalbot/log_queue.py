"""Logs for the server: formatted in the thread that logs, written by one `QueueListener` thread.

The standard library's `QueueHandler` formats each record where it is logged (the
request id and the redaction need that thread's context) and queues the finished line;
a `QueueListener` thread writes the lines to the stream. No worker thread ever waits
on the stream or on its lock.

- Nothing is lost on a clean exit: `flush()` and `close()` write out the queue
  (`logging.shutdown()`, run at exit, calls both).
- A fork (gunicorn's workers) writes the queue out first, so the child never inherits
  unwritten lines, and both processes then run their own listener thread.
"""

import logging
import os
import queue
import threading
import weakref
from functools import partial
from logging.handlers import QueueHandler, QueueListener
from typing import TextIO


class QueuedStreamHandler(QueueHandler):
    """A `QueueHandler` with its own `QueueListener` writing the formatted lines to `stream`.

    Args:
        stream: where the lines go (the caller reads `sys.stderr`, once).
    """

    def __init__(self, stream: TextIO):
        super().__init__(queue.SimpleQueue())  # put() never blocks and holds no lock across a fork
        self.listener = QueueListener(self.queue, logging.StreamHandler(stream))
        self._state = threading.Lock()
        self._running = self._closed = False
        self._start()
        me = weakref.ref(self)
        os.register_at_fork(
            before=partial(_call, me, "_stop"),
            after_in_parent=partial(_call, me, "_start"),
            after_in_child=partial(_call, me, "_start_in_child"),
        )

    def flush(self) -> None:
        """Write every line queued so far: stopping the listener drains the queue; then it starts again."""
        if self._stop():
            self._start()

    def close(self) -> None:
        """Write what is queued, then stop the listener thread for good."""
        with self._state:
            self._closed = True
        self._stop()
        super().close()

    def is_writing(self) -> bool:
        """Whether the listener thread is running."""
        return self._running

    def _start(self) -> None:
        with self._state:
            if not self._running and not self._closed:
                self.listener.start()
                self._running = True

    def _stop(self) -> bool:
        """Drain the queue and stop the listener thread; whether it was running."""
        with self._state:
            if not self._running:
                return False
            self.listener.stop()
            self._running = False
            return True

    def _start_in_child(self) -> None:
        self._state = threading.Lock()  # another thread may have held the parent's at the fork
        self._start()


def _call(ref: "weakref.ref[QueuedStreamHandler]", method: str) -> None:
    handler = ref()
    if handler is not None:
        getattr(handler, method)()
