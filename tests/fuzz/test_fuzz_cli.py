"""Fuzzing `evalbot ask --json` on stdin: one JSON reply per input line, in order, whatever the bytes."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fuzz_strategies import assert_no_template_evaluated, assert_valid_message, fuzz_settings, hostile_text
from hypothesis import given
from hypothesis import strategies as st

# Lines whose replies are fixed by the grammar, so their position proves the output order.
ANCHORS = {b"topics": "catalogue", b'{"text": "topics"}': "catalogue", b"help": "smalltalk"}
INVALID_UTF8 = (b"\xff", b"\xfe\xff", b"\xc3", b"\xc3(", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xe2\x82",
                b"\xc0\xaf", b"abc\x80def", b"\xf0\x9f\x98")
JSON_LOOKING = (b"{", b"}", b"{}", b"[]", b"null", b'"text"', b'{"text": 5}', b'{"text": null}', b'{"text": ""}',
                b'{"text": "<!channel> roi cost=2M"}', b'{"text": "{{ 7*7 }}"}', b'{"text": "a\\nb\\u0000"}',
                b'{"text": "\\ud800"}', b'{"txt": "help"}', b'{"text": ["help"]}', b'{"text": "help"', b"{" * 5000,
                b"[" * 100_000, b'{"text": "' + b"x" * 50_000 + b'"}')


def _line(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass").replace(b"\n", b" ")


lines = st.one_of(
    hostile_text(max_size=2_000).map(_line),
    st.binary(max_size=200).map(lambda raw: raw.replace(b"\n", b" ")),
    st.sampled_from(INVALID_UTF8 + JSON_LOOKING[:-3] + (b"", b"\r", b" ", b"\x00", b"\t\t")),
    hostile_text(max_size=200).map(lambda text: json.dumps({"text": text}).encode()),
    st.builds(lambda chunk, size: ((chunk or b"x") * size)[:size],
              hostile_text(max_size=50).map(_line), st.sampled_from([4_001, 40_000, 40_001, 100_000])),
)


def run_ask(stdin: bytes, tmp_path: Path, *args: str) -> tuple[list[bytes], str, int]:
    """Run `python -m evalbot ask --json` in an empty folder (no `.env`) with no Slack settings."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("SLACK_", "EVALBOT_"))}
    env["LOG_LEVEL"] = "WARNING"
    done = subprocess.run([sys.executable, "-m", "evalbot", *(args or ("ask", "--json"))], input=stdin,
                          capture_output=True, cwd=tmp_path, env=env, timeout=300, check=False)
    out = done.stdout.split(b"\n")
    assert out[-1] == b"", "the last reply must end with a newline"
    return out[:-1], done.stderr.decode("utf-8", "replace"), done.returncode


def expected_count(stdin: bytes) -> int:
    """How many lines a reader of `stdin` sees: every newline, plus a last line without one."""
    return stdin.count(b"\n") + (0 if not stdin or stdin.endswith(b"\n") else 1)


def check_run(stdin: bytes, tmp_path: Path) -> list[dict]:
    """Exit 0, one valid reply per line, no traceback, no unexpected-error apology."""
    out, err, code = run_ask(stdin, tmp_path)
    assert code == 0, err[-2000:]
    assert "Traceback" not in err and "unexpected error" not in err, err[-2000:]
    assert len(out) == expected_count(stdin), (len(out), expected_count(stdin))
    replies = [json.loads(raw) for raw in out]
    for raw, reply in zip(stdin.split(b"\n"), replies):
        assert isinstance(reply, dict)
        assert_valid_message(reply)
        assert "reference" not in reply.get("reply", {}), reply
        assert_no_template_evaluated(raw.decode("utf-8", "replace"), json.dumps(reply, ensure_ascii=False))
    return replies


@fuzz_settings(4)
@given(data=st.data(), body=st.lists(lines, min_size=1, max_size=40))
def test_stdin_json_lines_any_bytes(tmp_path_factory, data, body):
    """Random lines (invalid UTF-8, empty, huge, JSON-looking) get one reply each, in order, exit 0."""
    tmp_path = tmp_path_factory.mktemp("ask")
    anchors = data.draw(st.lists(st.tuples(st.integers(0, len(body)), st.sampled_from(sorted(ANCHORS))),
                                 min_size=1, max_size=5))
    for position, anchor in sorted(anchors, reverse=True):
        body.insert(position, anchor)
    ending = data.draw(st.sampled_from([b"\n", b"\r\n", b""]))
    stdin = ending.join(body) + ending if ending else b"\n".join(body)
    replies = check_run(stdin, tmp_path)
    for index, raw in enumerate(body):
        if raw in ANCHORS:
            assert replies[index]["kind"] == ANCHORS[raw], (index, raw, replies[index]["kind"])


def test_stdin_json_lines_nasty_batch(tmp_path):
    """Every known-nasty line at once, with anchors between them, answered in order."""
    nasty = [*INVALID_UTF8, *JSON_LOOKING, b"", b"\r", b"\x00" * 100, "\u2028\u2029\x85".encode(),
             b"\xef\xbb\xbfhelp", b"x" * 40_001, b"roi " + b"a" * 3_000, b"<!channel> " * 4_000,
             "template board-pitch company='{{ 7*7 }}' {% raw %}".encode()]
    body: list[bytes] = []
    for index, line in enumerate(nasty):
        body += [line, sorted(ANCHORS)[index % len(ANCHORS)]]
    replies = check_run(b"\n".join(body) + b"\n", tmp_path)
    for index in range(1, len(body), 2):
        assert replies[index]["kind"] == ANCHORS[body[index]], index


@pytest.mark.parametrize("stdin", [b"", b"\n\n\xffhelp"], ids=["empty", "blank-then-unterminated"])
def test_stdin_edge_shapes(tmp_path, stdin):
    """No input gives no output; blank and unterminated lines each still get their reply."""
    check_run(stdin, tmp_path)


def test_chat_with_piped_hostile_stdin(tmp_path):
    """`evalbot chat` with piped stdin answers each line, even invalid UTF-8, and exits 0 at EOF."""
    stdin = b"\n".join([b"hi", b"\xff\xfe", b"<!channel> {{ 7*7 }}", b"roi cost=2M cost=3M", b"x" * 40_001, b""])
    out, err, code = run_ask(stdin, tmp_path, "chat")
    assert code == 0, err[-2000:]
    assert "Traceback" not in err and "unexpected error" not in err
    assert out, "chat printed nothing"
