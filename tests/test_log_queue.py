"""The server's log handler: formatted in the caller's thread, written by one QueueListener thread, nothing lost."""

import io
import json
import logging
import os
import threading

import pytest

from evalbot.log_queue import QueuedStreamHandler
from evalbot.logs import JsonFormatter, configure_logging, request_scope

TOKEN = "xoxb-123456789012-abcdefABCDEF"


@pytest.fixture()
def stream_and_logger():
    stream = io.StringIO()
    handler = QueuedStreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("evalbot.test.queue")
    logger.handlers[:], logger.propagate, logger.level = [handler], False, logging.DEBUG
    yield stream, logger, handler
    handler.close()
    logger.handlers.clear()


def lines_of(stream: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_flush_waits_until_every_line_is_written_in_order(stream_and_logger):
    """Lines from one thread come out whole and in the order they were logged, and logging goes on after a flush."""
    stream, logger, handler = stream_and_logger
    for n in range(200):
        logger.info("line %d", n)
    handler.flush()
    assert [line["message"] for line in lines_of(stream)] == [f"line {n}" for n in range(200)]
    logger.info("after the flush")
    handler.flush()
    assert lines_of(stream)[-1]["message"] == "after the flush" and handler.is_writing()


def test_an_exception_is_one_json_line_with_its_traceback(stream_and_logger):
    """The traceback travels inside the line formatted in the caller's thread, not as extra lines."""
    stream, logger, handler = stream_and_logger
    try:
        raise ValueError(f"bad {TOKEN}")
    except ValueError:
        logger.exception("failed")
    handler.flush()
    [line] = lines_of(stream)
    assert line["message"] == "failed" and "ValueError: bad [redacted]" in line["traceback"]


def test_many_threads_lose_nothing_and_keep_their_request_ids(stream_and_logger):
    """Eight threads logging at once: every line arrives, valid JSON, tagged with its own thread's request id."""
    stream, logger, handler = stream_and_logger

    def work(worker: int) -> None:
        with request_scope(f"req-{worker}"):
            for n in range(300):
                logger.info("worker %d line %d", worker, n)

    threads = [threading.Thread(target=work, args=(w,)) for w in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    handler.flush()
    lines = lines_of(stream)
    assert len(lines) == 8 * 300
    assert all(line["message"].startswith(f"worker {line['request_id'][4:]} ") for line in lines)


def test_close_writes_what_is_queued_and_stops_the_writer(stream_and_logger):
    """Closing (as `logging.shutdown` does at exit) leaves no line behind and no thread running."""
    stream, logger, handler = stream_and_logger
    for n in range(50):
        logger.warning("bye %d", n)
    handler.close()
    assert len(lines_of(stream)) == 50 and not handler.is_writing()
    handler.flush()  # after close: returns at once, and does not start the writer again
    assert not handler.is_writing()


def test_a_broken_stream_never_reaches_the_caller(capsys):
    """When the stream is gone, logging carries on: the call that logged returns normally."""

    class Gone(io.StringIO):
        def write(self, text):
            raise OSError("stderr closed")

    handler = QueuedStreamHandler(Gone())
    handler.setFormatter(JsonFormatter())
    record = logging.makeLogRecord({"msg": "still fine", "levelno": logging.INFO, "levelname": "INFO"})
    handler.handle(record)
    handler.flush()
    handler.close()
    assert "OSError: stderr closed" in capsys.readouterr().err  # logging's own report, on the real stderr


def test_secrets_are_redacted_in_background_mode(capsys):
    """`configure_logging(background=True)` redacts tokens and secrets like the synchronous handler."""
    root = logging.getLogger()
    old_handlers, old_level = root.handlers[:], root.level
    try:
        configure_logging("INFO", secrets=("sekrit-signing-value",), background=True)
        assert isinstance(root.handlers[0], QueuedStreamHandler)
        logging.getLogger("evalbot.test").error("leak %s and sekrit-signing-value", TOKEN)
        root.handlers[0].flush()
        err = capsys.readouterr().err
    finally:
        for handler in root.handlers:
            handler.close()
        root.handlers[:], root.level = old_handlers, old_level
    assert "leak [redacted] and [redacted]" in err and TOKEN not in err


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_forked_worker_writes_its_own_lines_and_never_the_parents_again(tmp_path):
    """After a fork (gunicorn's workers), the child's lines are written by its own thread; queued lines once."""
    path = tmp_path / "log.jsonl"
    with path.open("w") as stream:
        handler = QueuedStreamHandler(stream)
        handler.setFormatter(JsonFormatter())
        logger = logging.getLogger("evalbot.test.fork")
        logger.handlers[:], logger.propagate = [handler], False
        try:
            logger.warning("from the parent")  # still queued, perhaps, when the fork comes
            pid = os.fork()
            if pid == 0:  # the child: log, flush, leave without running the parent's cleanup
                code = 1
                try:
                    logger.warning("from the child")
                    handler.flush()
                    code = 0 if handler.is_writing() else 1
                finally:
                    os._exit(code)
            _, status = os.waitpid(pid, 0)
            logger.warning("parent again")
            handler.flush()
        finally:
            handler.close()
            logger.handlers.clear()
    assert os.waitstatus_to_exitcode(status) == 0
    messages = [json.loads(line)["message"] for line in path.read_text().splitlines()]
    assert messages == ["from the parent", "from the child", "parent again"]
