"""`evalbot chat` in a real terminal (a pseudo-terminal): readline editing and history; piped, no escapes echoed;
`topics` and `eval` fit 80 columns."""

import os
import pty
import re
import select
import subprocess
import sys
import time

import pytest
from cli_runner import evalbot

from evalbot.cli.chat import clean_line

UP, LEFT, BACKSPACE = "\x1b[A", "\x1b[D", "\x7f"


class Terminal:
    """`python -m evalbot chat` on a pseudo-terminal, as a person at a keyboard would run it."""

    def __init__(self, tmp_path):
        self.master, slave = pty.openpty()
        env = {**os.environ, "TERM": "xterm", "COLUMNS": "80", "EVALBOT_CACHE_DIR": str(tmp_path / "cache")}
        env.pop("INPUTRC", None)
        self.proc = subprocess.Popen([sys.executable, "-m", "evalbot", "chat"], stdin=slave, stdout=slave,
                                     stderr=slave, env=env, cwd=tmp_path, close_fds=True)
        os.close(slave)
        self.seen = b""

    def read_until(self, marker: bytes, *, after: int = 0, timeout: float = 60) -> bytes:
        """What the terminal showed, once `marker` appeared past offset `after`."""
        deadline = time.monotonic() + timeout
        while marker not in self.seen[after:]:
            left = deadline - time.monotonic()
            assert left > 0, f"no {marker!r} in {self.seen[-2000:]!r}"
            if select.select([self.master], [], [], left)[0]:
                try:
                    self.seen += os.read(self.master, 65536)
                except OSError:  # the child closed the terminal
                    break
        return self.seen

    def type(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def close(self) -> int:
        self.type("quit\r")
        try:
            return self.proc.wait(timeout=30)
        finally:
            os.close(self.master)


@pytest.fixture()
def terminal(tmp_path):
    term = Terminal(tmp_path)
    term.read_until(b"you> ")
    yield term
    if term.proc.poll() is None:
        term.proc.kill()


def test_up_arrow_recalls_the_last_line(terminal):
    """Up then Enter asks the previous question again; `^[[A` is never printed."""
    terminal.type("roi cost=2M benefit=10M\r")
    answered = terminal.read_until(b"5.0x").index(b"5.0x")
    terminal.read_until(b"you> ", after=answered)  # readline is reading again (keys typed earlier echo raw)
    start = len(terminal.seen)
    terminal.type(UP + "\r")
    again = terminal.read_until(b"5.0x", after=start)[start:]
    assert b"^[[A" not in terminal.seen and b"ROI" in again
    assert terminal.close() == 0


def test_keys_edit_the_line_before_it_is_sent(terminal):
    """Backspace deletes and the left arrow moves inside the line: `roi cost=2M benefit=10MX`, ⌫,
    then ← twice and typing `0` gives `benefit=100M`."""
    terminal.type("roi cost=2M benefit=10MX" + BACKSPACE + LEFT + LEFT + "0\r")
    out = terminal.read_until(b"ROI (benefit-to-cost)")
    assert b"50.0x" in out and b"5.0x " not in out.replace(b"50.0x", b"")
    assert b"^[[D" not in out
    assert terminal.close() == 0


def test_ctrl_d_leaves_cleanly(terminal):
    """Ctrl-D at an empty prompt ends the session with status 0."""
    terminal.type("\x04")
    assert terminal.proc.wait(timeout=30) == 0
    os.close(terminal.master)


ESC = re.compile(rb"\x1b")


def test_piped_lines_with_escape_sequences_are_echoed_clean():
    """A transcript with arrow keys and colours: the `you>` lines and answers carry no escape sequence."""
    stdin = b"roi cost=2M\x1b[A\n\x1b[31mhow do I negotiate equity?\x1b[0m\n\x1b]0;title\x07topics\n"
    result = evalbot("chat", stdin=stdin)
    assert result.returncode == 0
    assert ESC.search(result.stdout) is None
    you = [line for line in result.stdout.decode().splitlines() if line.startswith("you> ")]
    assert you == ["you> roi cost=2M", "you> how do I negotiate equity?", "you> topics"]


@pytest.mark.parametrize("raw, clean", [
    ("\x1b[A\x1b[Bbenefit\x1b[C is 10M", "benefit is 10M"),
    ("\x1b[1;31mred\x1b[0m", "red"),
    ("tab\there\x00\x07", "tab here"),
    ("\x1bOA plain", "plain"),
    ("  spaced  ", "spaced"),
], ids=["arrows", "colour", "controls", "ss3", "spaces"])
def test_clean_line_drops_escapes_and_controls(raw, clean):
    """What a line is answered (and echoed) as."""
    assert clean_line(raw) == clean


@pytest.mark.parametrize("args", [["topics"], ["eval"]])
def test_topics_and_eval_fit_80_columns(args):
    """Every line of `topics` and `eval` is at most 80 characters, even in a wide terminal."""
    result = evalbot(*args, env={"COLUMNS": "200"})
    assert result.returncode == 0
    lines = result.stdout.decode().splitlines()
    assert lines and max(len(line) for line in lines) <= 80
