"""`evalbot eval [FILE]`: how well routing does on a labelled set."""

import argparse
import sys
from pathlib import Path

from evalbot.cli.session import build_brain
from evalbot.config import Settings
from evalbot.errors import CommandError
from evalbot.knowledge_base.locate import shipped_dev_set
from evalbot.routing.evaluation import evaluate, format_report, load_labelled


def run_eval(args: argparse.Namespace, settings: Settings) -> int:
    path = Path(args.file) if args.file else shipped_dev_set()
    try:
        items = load_labelled(path)
    except CommandError as e:
        print(f"evalbot: {e.message}", file=sys.stderr)
        return 2
    brain = build_brain(settings)
    report = evaluate(items, lambda text: brain.answer(text).intent)
    print(format_report(report, source=str(path), count=len(items)))
    return 0
