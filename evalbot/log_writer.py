"""A log handler for the server: lines are formatted where they are logged and written by one thread.

Under load, every worker thread writing its own line to stderr means a handler lock
taken by eight threads and a write and a flush per line, each of which hands the GIL
around; the per-delivery line cost several times its own formatting. Here a thread
formats its line (the request id and the redaction need its context) and queues the
string; a writer thread wakes at most every `BATCH_SECONDS`, empties the queue and
writes what it found in one go, so a busy server pays one wake-up and one write for
many lines rather than one for each.

- Nothing is lost on a clean exit: `flush()` waits until every queued line is written,
  and `logging.shutdown()` (run at exit) flushes and closes the handler.
- A forked worker gets its own queue and writer thread (the parent's thread does not
  survive a fork). Before a fork the queue is written out, so the fork never catches the
  writer half-way through a write holding the stream's lock.
"""

import logging
import os
import queue
import threading
import weakref
from functools import partial
from typing import TextIO

_STOP = object()
BATCH_SECONDS = 0.05  # how stale a line may be before it is written; flush() and close() do not wait for it


class BackgroundStreamHandler(logging.Handler):
    """Writes formatted records to `stream` from a background thread, in batches.

    Args:
        stream: where lines go (read from `sys.stderr` by the caller, once).
    """

    def __init__(self, stream: TextIO):
        super().__init__()
        self.stream = stream
        self._start()
        me = weakref.ref(self)
        os.register_at_fork(before=partial(_flush, me), after_in_child=partial(_restart, me))

    def _start(self) -> None:
        self._lines: queue.SimpleQueue = queue.SimpleQueue()
        self._wake = threading.Event()
        self._writer = threading.Thread(target=self._write, args=(self._lines,), name="evalbot-log-writer", daemon=True)
        self._writer.start()

    def handle(self, record: logging.LogRecord) -> bool:
        # No handler lock: formatting is thread-safe and the queue is the only thing shared.
        if not self.filter(record):
            return False
        self.emit(record)
        return True

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self._lines.put(self.format(record))
        except Exception:  # noqa: BLE001 - logging's contract: report on stderr, never raise into the caller
            self.handleError(record)

    def flush(self, timeout: float = 5.0) -> None:
        """Wait (up to `timeout` seconds) until every line queued so far is written."""
        if not self._writer.is_alive():
            return
        written = threading.Event()
        self._lines.put(written)
        self._wake.set()
        written.wait(timeout)

    def close(self) -> None:
        """Write what is queued, then stop the writer thread."""
        if self._writer.is_alive() and self._writer is not threading.current_thread():
            self._lines.put(_STOP)
            self._wake.set()
            self._writer.join(5.0)
        super().close()

    def _write(self, lines: queue.SimpleQueue) -> None:
        while True:
            batch, markers = [], []
            item = lines.get()
            if isinstance(item, str):
                self._wake.wait(BATCH_SECONDS)  # let more lines gather (a flush or close cuts it short)
                self._wake.clear()
            while True:
                if isinstance(item, str):
                    batch.append(item)
                elif item is not None:
                    markers.append(item)
                try:
                    item = lines.get_nowait()
                except queue.Empty:
                    break
            if batch:
                try:
                    self.stream.write("\n".join(batch) + "\n")
                    self.stream.flush()
                except (OSError, ValueError):
                    pass  # stderr closed or gone: nowhere left to report it
            for marker in markers:
                if marker is not _STOP:
                    marker.set()
            if _STOP in markers:
                return


def _flush(ref: "weakref.ref[BackgroundStreamHandler]") -> None:
    handler = ref()
    if handler is not None:
        handler.flush()


def _restart(ref: "weakref.ref[BackgroundStreamHandler]") -> None:
    handler = ref()
    if handler is not None:
        handler._start()
