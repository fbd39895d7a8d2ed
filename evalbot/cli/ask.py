"""`evalbot ask [--json] [TEXT]`: one answer, or one answer per stdin line."""

import argparse
import json
import sys

from evalbot.cli.session import build_brain
from evalbot.core.safe_answer import answer_safely
from evalbot.config import Settings
from evalbot.rendering.json_view import reply_json
from evalbot.rendering.plain_text import render_text


def _message_of(line: str) -> str:
    """A stdin line is the message itself, or a JSON object carrying it as `text`."""
    if line.startswith("{"):
        try:
            data = json.loads(line)
        except ValueError:
            return line
        if isinstance(data, dict) and isinstance(data.get("text"), str):
            return data["text"]
    return line


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
        _emit(answer_safely(brain, _message_of(line.rstrip("\r\n"))), args.json)
    return 0
