"""`evalbot chat`: an interactive console with the same answers as Slack.

In a terminal, lines are read through readline: arrow keys move and recall earlier lines of
the session, and the usual editing keys work. The history lives in memory only (the
terminal stores nothing). Piped, each line is read as it comes; terminal escape sequences
a transcript may carry (an arrow key pressed while recording) are dropped, never echoed.
"""

import re
import sys

from evalbot.cli.session import build_brain
from evalbot.config import Settings
from evalbot.conversation import Conversation
from evalbot.conversation.store import MemoryConversations
from evalbot.rendering.plain_text import render_text

_BYE = {"quit", "exit", "bye", ":q"}
PROMPT = "you> "
# CSI (arrows, colours), OSC (titles), SS3 (arrows in application mode) and two-character escapes;
# then any other control character.
_ESCAPES = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|O.|[@-Z\\-_])")
_CONTROLS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def clean_line(line: str) -> str:
    """A typed or piped line without terminal escape sequences or control characters (tabs become spaces)."""
    return _CONTROLS.sub("", _ESCAPES.sub("", line).replace("\t", " ")).strip()


def _enable_line_editing() -> None:
    """Arrow keys, history and editing for `input()`; without GNU readline (some builds), plain input."""
    try:
        import readline
    except ImportError:
        return
    readline.set_auto_history(True)
    readline.parse_and_bind("set enable-bracketed-paste on")


def _typed_lines():
    """Lines typed at the prompt; Ctrl-C drops the line being typed, Ctrl-D ends the session."""
    _enable_line_editing()
    while True:
        print()
        try:
            yield input(PROMPT)
        except KeyboardInterrupt:
            print("^C")
        except EOFError:
            print()
            return


def _piped_lines():
    yield from sys.stdin


def run_chat(settings: Settings) -> int:
    brain = build_brain(settings)
    # The session is one conversation, remembered in memory only: nothing is written to disk.
    conversation = Conversation(brain=brain, store=MemoryConversations(), key="console")
    interactive = sys.stdin.isatty()
    if interactive:
        print("evalbot: ask me about leading AI evaluation. Type 'help' for examples, 'quit' to leave.")
    for line in _typed_lines() if interactive else _piped_lines():
        text = clean_line(line)
        if text.lower() in _BYE:
            return 0
        if not text:
            continue
        reply = render_text(conversation.answer(text))
        # Piped, nothing on screen shows where one answer ends: each is headed by its line, as if typed.
        sys.stdout.write(reply if interactive else f"\n{PROMPT}{text}\n\n{reply}")
        sys.stdout.flush()
    return 0
