"""evalbot.logs: one JSON object a line, request ids, and never a token or the signing secret."""

import io
import json
import logging
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evalbot.config import load_settings
from evalbot.logs import (
    JsonFormatter,
    configure_logging,
    current_request_id,
    redact,
    request_scope,
    secrets_from_env,
    secrets_of,
)

BOT_TOKEN = "xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx"
APP_TOKEN = "xapp-1-A0123456789-1234567890123-0123456789abcdef0123456789abcdef"
USER_TOKEN = "xoxp-1234567890-0987654321-1122334455-0123456789abcdef"
SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
SECRETS = (BOT_TOKEN, APP_TOKEN, USER_TOKEN, SIGNING_SECRET)


def probe_logger() -> logging.Logger:
    """A logger outside the `evalbot` tree, whose level other tests (or Bolt) may have pinned."""
    logger = logging.getLogger("tests.logs.probe")
    logger.setLevel(logging.NOTSET)
    logger.disabled = False
    logger.propagate = True
    return logger


class Unprintable:
    """An extra value whose str() blows up."""

    def __str__(self) -> str:
        raise RuntimeError(BOT_TOKEN)


class Holder:
    """An extra value whose str() shows a secret."""

    def __str__(self) -> str:
        return f"Holder(token={BOT_TOKEN}, secret={SIGNING_SECRET})"


@pytest.fixture
def root_logging():
    """Restore the root logger's handlers and level after a test reconfigures them."""
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    yield root
    root.handlers[:], level = saved
    root.setLevel(level)


@pytest.fixture
def capture(root_logging, monkeypatch):
    """configure_logging() writing to a buffer, with the signing secret given explicitly."""
    stream = io.StringIO()
    monkeypatch.setattr("sys.stderr", stream)
    for name in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_CLIENT_SECRET"):
        monkeypatch.delenv(name, raising=False)
    configure_logging("DEBUG", secrets=(SIGNING_SECRET,))
    return stream


def lines_of(stream: io.StringIO) -> list[dict]:
    """Every line written, parsed; fails unless each line is exactly one JSON object."""
    text = stream.getvalue()
    assert text.endswith("\n")
    records = [json.loads(line) for line in text.splitlines()]
    assert all(isinstance(record, dict) for record in records)
    return records


def assert_clean(text: str) -> None:
    """No secret, whole or as a token prefix, appears in `text`."""
    for secret in SECRETS:
        assert secret not in text
    for prefix in ("xoxb-", "xapp-", "xoxp-"):
        assert prefix not in text


def raise_with_secrets() -> None:
    """Raise an error chained to another, both carrying secrets (also in the source line)."""
    try:
        raise KeyError("xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx")
    except KeyError as e:
        raise RuntimeError(f"auth failed with {BOT_TOKEN} / {SIGNING_SECRET} / {APP_TOKEN}") from e


LOG_CALLS = {
    "message": lambda log: log.info(f"token {BOT_TOKEN} and {APP_TOKEN}"),
    "args": lambda log: log.warning("token %s secret %s user %s", BOT_TOKEN, SIGNING_SECRET, USER_TOKEN),
    "extra str": lambda log: log.info("x", extra={"token": BOT_TOKEN, "secret": SIGNING_SECRET}),
    "extra nested": lambda log: log.info("x", extra={"body": {"auth": [BOT_TOKEN, {"s": SIGNING_SECRET}]}}),
    "extra bytes": lambda log: log.info("x", extra={"raw": f"token={BOT_TOKEN}".encode()}),
    "extra object": lambda log: log.info("x", extra={"holder": Holder()}),
    "extra unprintable": lambda log: log.info("x", extra={"broken": Unprintable()}),
    "extra key": lambda log: log.info("x", extra={"payload": {SIGNING_SECRET: APP_TOKEN}}),
    "url-encoded": lambda log: log.info("body=token%3D" + BOT_TOKEN.replace("-", "%2D")),
    "glued": lambda log: log.info(f"token_{BOT_TOKEN} SLACK_BOT_TOKEN={BOT_TOKEN}"),
    "rotating": lambda log: log.info(f"xoxe.{USER_TOKEN} xoxe-1-abcdef"),
    "stack": lambda log: log.info(f"with stack {SIGNING_SECRET}", stack_info=True),
}


@pytest.mark.parametrize("call", LOG_CALLS.values(), ids=LOG_CALLS.keys())
def test_secrets_never_logged(capture, call):
    """Tokens and the signing secret are redacted wherever they occur in a record."""
    call(probe_logger())
    assert_clean(capture.getvalue())
    assert "[redacted]" in capture.getvalue() or "unprintable" in capture.getvalue()
    assert len(lines_of(capture)) == 1


@pytest.mark.parametrize("method", ["exception", "error_exc_info", "critical_exc_info"])
def test_secrets_never_logged_in_tracebacks(capture, method):
    """An exception's message, its cause and its source lines are redacted in the traceback."""
    log = probe_logger()
    try:
        raise_with_secrets()
    except RuntimeError:
        if method == "exception":
            log.exception("failed", extra={"reference": "abc123"})
        elif method == "error_exc_info":
            log.error("failed", exc_info=True, extra={"reference": "abc123"})
        else:
            log.critical("failed", exc_info=True, extra={"reference": "abc123"})
    (record,) = lines_of(capture)
    assert_clean(capture.getvalue())
    assert "RuntimeError" in record["traceback"] and "KeyError" in record["traceback"]
    assert record["reference"] == "abc123"


def test_secrets_from_the_environment_are_redacted_by_default(root_logging, monkeypatch):
    """With no explicit secrets, configure_logging redacts the SLACK_* secrets in the environment."""
    stream = io.StringIO()
    monkeypatch.setattr("sys.stderr", stream)
    monkeypatch.setenv("SLACK_SIGNING_SECRET", SIGNING_SECRET)
    monkeypatch.setenv("SLACK_BOT_TOKEN", "not-token-shaped-but-secret")
    configure_logging("INFO")
    probe_logger().info("%s %s", SIGNING_SECRET, "not-token-shaped-but-secret")
    assert SIGNING_SECRET not in stream.getvalue()
    assert "not-token-shaped-but-secret" not in stream.getvalue()


def test_secrets_of_settings():
    """secrets_of() picks every secret a Settings holds, e.g. ones read from a .env file."""
    settings = load_settings(slack_bot_token=BOT_TOKEN, slack_signing_secret=SIGNING_SECRET, slack_app_token=None)
    assert set(secrets_of(settings)) == {BOT_TOKEN, SIGNING_SECRET}


def test_secrets_from_env():
    """secrets_from_env() reads the known SLACK_* variables and nothing else."""
    env = {"SLACK_SIGNING_SECRET": SIGNING_SECRET, "SLACK_APP_TOKEN": APP_TOKEN, "HOME": "/root"}
    assert set(secrets_from_env(env)) == {SIGNING_SECRET, APP_TOKEN}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"Bearer {BOT_TOKEN}", "Bearer [redacted]"),
        (f"a {SIGNING_SECRET} b", "a [redacted] b"),
        (f"{SIGNING_SECRET}{SIGNING_SECRET}", "[redacted][redacted]"),
        ("what is the roi of eval?", "what is the roi of eval?"),
        ("xoxo hugs", "xoxo hugs"),
    ],
)
def test_redact(text, expected):
    """redact() hides tokens and given secrets and leaves ordinary text alone."""
    assert redact(text, (SIGNING_SECRET,)) == expected


def test_short_secrets_are_not_redacted_literally():
    """A secret under 6 characters is not used for literal replacement (it would wreck every line)."""
    assert redact("level message", ("e",)) == "level message"


def test_one_json_object_per_line(capture):
    """Multi-line messages and tracebacks still give exactly one JSON line per record."""
    log = probe_logger()
    log.info("line one\nline two\r\nline three")
    try:
        raise ValueError("multi\nline")
    except ValueError:
        log.exception("boom")
    log.debug("unicode ✓ \u2028 \x00 done")
    records = lines_of(capture)
    assert len(records) == 3
    assert records[0]["message"] == "line one\nline two\r\nline three"
    assert {"time", "level", "logger", "message"} <= records[0].keys()
    assert records[1]["level"] == "ERROR" and "ValueError" in records[1]["traceback"]
    assert records[2]["level"] == "DEBUG"


def test_request_id_from_extra(capture):
    """A request_id passed as an extra appears as a top-level field."""
    probe_logger().info("handled", extra={"request_id": "req-1", "elapsed_ms": 3.5})
    (record,) = lines_of(capture)
    assert record["request_id"] == "req-1"
    assert record["elapsed_ms"] == 3.5


def test_request_id_absent_when_not_given(capture):
    """Outside any request there is no request_id field."""
    probe_logger().info("idle")
    (record,) = lines_of(capture)
    assert "request_id" not in record


def test_request_scope_tags_every_line(capture):
    """Inside request_scope every line carries the id; nested scopes restore the outer one."""
    log = probe_logger()
    with request_scope("outer"):
        log.info("a")
        with request_scope("inner"):
            log.info("b")
            log.info("c", extra={"request_id": "explicit"})
        log.info("d")
    log.info("e")
    ids = [record.get("request_id") for record in lines_of(capture)]
    assert ids == ["outer", "inner", "explicit", "outer", None]
    assert current_request_id() is None


def test_request_scope_is_per_thread(capture):
    """Concurrent requests on different threads never see each other's ids."""
    log = probe_logger()
    barrier = threading.Barrier(4)

    def work(index: int) -> None:
        with request_scope(f"req-{index}"):
            barrier.wait()
            log.info("in", extra={"worker": index})

    threads = [threading.Thread(target=work, args=(index,)) for index in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for record in lines_of(capture):
        assert record["request_id"] == f"req-{record['worker']}"


@settings(max_examples=200, deadline=None)
@given(
    before=st.text(max_size=40),
    after=st.text(max_size=40),
    prefix=st.sampled_from(["xoxb-", "xoxp-", "xapp-", "xoxa-", "xoxe.xoxb-"]),
    body=st.text(alphabet="abcdefABCDEF0123456789-", min_size=8, max_size=60),
)
def test_formatter_never_emits_token_property(before, after, prefix, body):
    """Whatever surrounds a token, in the message or an extra, it never reaches the output."""
    token = prefix + body
    formatter = JsonFormatter(secrets=(SIGNING_SECRET,))
    record = logging.makeLogRecord(
        {"msg": f"{before}{token}{after}", "levelname": "INFO", "extra_field": [before, token, SIGNING_SECRET]}
    )
    line = formatter.format(record)
    assert "\n" not in line
    decoded = json.loads(line)
    assert token not in decoded["message"] and token not in line
    assert SIGNING_SECRET not in line
    assert decoded["extra_field"][1] == "[redacted]"


def _strings(value) -> list[str]:
    """Every string (keys included) inside a decoded JSON value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    if isinstance(value, dict):
        return [s for key, item in value.items() for s in (key, *_strings(item))]
    return []


_EXTRA_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(
    # "Zq" keeps a secret from being a mere piece of the line's fixed text ("[redac", "payloa").
    secret=st.text(min_size=4, max_size=22).map(lambda s: "Zq" + s).filter(lambda s: "xox" not in s.lower()),
    value=_EXTRA_VALUES,
    where=st.sampled_from(["message", "extra", "nested", "nowhere"]),
)
def test_fast_path_never_leaks_and_matches_the_careful_path(secret, value, where):
    """A secret with quotes, backslashes or non-ASCII, anywhere in a record, never shows in the line;
    a line without one is exactly what the redact-every-string path would write."""
    formatter = JsonFormatter(secrets=(secret,))
    fields = {"msg": "hello", "levelname": "INFO", "payload": value}
    if where == "message":
        fields["msg"] = f"say {secret}!"
    elif where == "extra":
        fields["leak"] = f"<{secret}>"
    elif where == "nested":
        fields["payload"] = {"inner": [value, {"deep": f"x{secret}y"}]}
    line = formatter.format(logging.makeLogRecord(fields))
    assert not any(secret in text for text in _strings(json.loads(line))) and json.dumps(secret)[1:-1] not in line
    if where == "nowhere" and secret not in json.dumps(value, ensure_ascii=False):
        careful = json.dumps({key: formatter._scrub(v) for key, v in json.loads(line).items()})
        assert json.loads(line) == json.loads(careful)


def test_odd_extras_are_written_like_the_careful_path(capture):
    """Sets become lists and objects their str(), on the fast path too."""
    probe_logger().warning("odd", extra={"tags": {"b"}, "obj": Holder(), "broken": Unprintable()})
    [line] = lines_of(capture)
    assert line["tags"] == ["b"] and line["broken"] == "<unprintable Unprintable>"
    assert BOT_TOKEN not in json.dumps(line) and SIGNING_SECRET not in json.dumps(line)
