"""`evalbot ask [--json] [TEXT]`: one answer, or one answer per stdin line (lines may share a conversation)."""

import argparse
import json
import sys
from dataclasses import dataclass

from evalbot.cli.session import build_brain
from evalbot.conversation import Conversation
from evalbot.core.brain import Brain, problem_reply
from evalbot.core.reply import Reply
from evalbot.core.safe_answer import answer_safely
from evalbot.config import Settings
from evalbot.errors import CommandError
from evalbot.rendering.json_view import reply_json
from evalbot.rendering.plain_text import render_text
from evalbot.conversation.store import ConversationStore, MemoryConversations

_LINE_EXAMPLE = '{"text": "roi cost=2M benefit=10M"}'
_CONVERSATION_EXAMPLE = '{"text": "benefit=10M", "conversation": "c1"}'


@dataclass(frozen=True, kw_only=True)
class Line:
    """One stdin message, and the conversation it belongs to (None: it stands alone)."""

    text: str
    conversation: str | None = None


def _line_of(line: str) -> Line:
    """A stdin line is the message itself, or a JSON object carrying it as `text` (and maybe `conversation`).

    Raises:
        CommandError: a JSON object whose `text` is missing or not a string, or whose `conversation`
            is neither a string nor a number.
    """
    if line.startswith("{"):
        try:
            data = json.loads(line)
        except ValueError:
            return Line(text=line)  # not JSON after all: someone's message that starts with a brace
        if isinstance(data, dict):
            conversation = data.get("conversation")
            if conversation is not None and (isinstance(conversation, bool)
                                             or not isinstance(conversation, str | int)):
                raise CommandError("`conversation` must be a string (or a number) naming the conversation.",
                                   field="conversation", example=_CONVERSATION_EXAMPLE)
            if "text" not in data:
                raise CommandError("A JSON line needs a `text` field with the message.", field="text",
                                   example=_LINE_EXAMPLE)
            if not isinstance(data["text"], str):
                kind = type(data["text"]).__name__ if data["text"] is not None else "null"
                raise CommandError(f"`text` must be a string, not {kind}.", field="text", example=_LINE_EXAMPLE)
            return Line(text=data["text"], conversation=None if conversation is None else str(conversation))
    return Line(text=line)


def _answer_line(brain: Brain, raw: str, conversations: ConversationStore) -> Reply:
    try:
        line = _line_of(raw)
    except CommandError as e:
        return problem_reply(e)
    if line.conversation is None:
        return answer_safely(brain, line.text)
    return Conversation(brain=brain, store=conversations, key=f"stdin:{line.conversation}").answer(line.text)


def _emit(reply: Reply, as_json: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps(reply_json(reply), ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(render_text(reply) + "\n")
    sys.stdout.flush()


def run_ask(args: argparse.Namespace, settings: Settings) -> int:
    brain = build_brain(settings)
    if args.text:
        _emit(answer_safely(brain, " ".join(args.text)), args.json)
        return 0
    stdin = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else None
    lines = (raw.decode("utf-8", errors="replace") for raw in stdin) if stdin else sys.stdin
    conversations = MemoryConversations()  # this run's conversations, by their `conversation` id
    for line in lines:
        _emit(_answer_line(brain, line.rstrip("\r\n"), conversations), args.json)
    return 0
