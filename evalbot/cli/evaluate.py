"""`evalbot eval [FILE]`: how well routing does on labelled sets, lexical only against fused."""

import argparse
import sys
from pathlib import Path

from evalbot.cli.session import build_brain
from evalbot.config import Settings
from evalbot.core.brain import Brain
from evalbot.errors import CommandError
from evalbot.knowledge_base.locate import shipped_dev_set, shipped_wild_set
from evalbot.routing.evaluation import Labelled, check_labels, evaluate, format_comparison, load_labelled
from evalbot.routing.wild import TEST, half


def labelled_sets(file: str | None) -> list[tuple[str, list[Labelled]]]:
    """FILE alone, or by default the dev set and the wild set's test half (when it is installed)."""
    if file:
        return [(file, load_labelled(Path(file)))]
    sets = [(f"dev set, {shipped_dev_set()}", load_labelled(shipped_dev_set()))]
    wild = half(TEST)
    if wild:
        sets.append((f"wild set, test half, {shipped_wild_set()}", wild))
    return sets


def run_eval(args: argparse.Namespace, settings: Settings) -> int:
    try:
        sets = labelled_sets(args.file)
        brain = build_brain(settings)
        known = set(brain.knowledge.spec_ids) & set(brain.knowledge.entries)
        for source, items in sets:
            check_labels(items, known, source=source)
    except CommandError as e:
        print(f"evalbot: {e.message}", file=sys.stderr)
        return 2
    lexical = Brain(knowledge=brain.knowledge, router=brain.router.lexical_only())
    for index, (source, items) in enumerate(sets):
        reports = {
            "lexical only": evaluate(items, lambda text: lexical.answer(text).intent),
            "fused (lexical + semantic)": evaluate(items, lambda text: brain.answer(text).intent),
        }
        print(("\n" if index else "") + format_comparison(reports, source=source, count=len(items)))
    return 0
