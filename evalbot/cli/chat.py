"""`evalbot chat`: an interactive console with the same answers as Slack."""

import sys

from evalbot.cli.session import build_brain
from evalbot.conversation import Conversation
from evalbot.config import Settings
from evalbot.rendering.plain_text import render_text
from evalbot.conversation.store import MemoryConversations

_BYE = {"quit", "exit", "bye", ":q"}


def run_chat(settings: Settings) -> int:
    brain = build_brain(settings)
    # The session is one conversation, remembered in memory only: nothing is written to disk.
    conversation = Conversation(brain=brain, store=MemoryConversations(), key="console")
    interactive = sys.stdin.isatty()
    if interactive:
        print("evalbot: ask me about leading AI evaluation. Type 'help' for examples, 'quit' to leave.")
    while True:
        if interactive:
            sys.stdout.write("\nyou> ")
            sys.stdout.flush()
        line = sys.stdin.readline()
        if not line:
            if interactive:
                print()
            return 0
        text = line.strip()
        if text.lower() in _BYE:
            return 0
        if not text:
            continue
        reply = render_text(conversation.answer(text))
        # Piped, nothing on screen shows where one answer ends: each is headed by its line, as if typed.
        sys.stdout.write(reply if interactive else f"\nyou> {text}\n\n{reply}")
        sys.stdout.flush()
