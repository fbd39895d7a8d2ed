"""`evalbot ask [--json] [TEXT]`: one answer, or one answer per stdin line."""

import argparse
import json
import sys

from evalbot.cli.session import build_brain
from evalbot.core.brain import problem_reply
from evalbot.core.safe_answer import answer_safely
from evalbot.config import Settings
from evalbot.errors import CommandError
from evalbot.rendering.json_view import reply_json
from evalbot.rendering.plain_text import render_text


_LINE_EXAMPLE = '{"text": "roi cost=2M benefit=10M"}'


def _message_of(line: str) -> str:
    """A stdin line is the message itself, or a JSON object carrying it as `text`.

    Raises:
        CommandError: a JSON object whose `text` is missing or not a string.
    """
    if line.startswith("{"):
        try:
            data = json.loads(line)
        except ValueError:
            return line  # not JSON after all: someone's message that starts with a brace
        if isinstance(data, dict):
            if "text" not in data:
                raise CommandError("A JSON line needs a `text` field with the message.", field="text",
                                   example=_LINE_EXAMPLE)
            if not isinstance(data["text"], str):
                kind = type(data["text"]).__name__ if data["text"] is not None else "null"
                raise CommandError(f"`text` must be a string, not {kind}.", field="text", example=_LINE_EXAMPLE)
            return data["text"]
    return line


def _answer_line(brain, line: str):
    try:
        text = _message_of(line)
    except CommandError as e:
        return problem_reply(e)
    return answer_safely(brain, text)


def _emit(reply, as_json: bool) -> None:
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
    for line in lines:
        _emit(_answer_line(brain, line.rstrip("\r\n")), args.json)
    return 0
