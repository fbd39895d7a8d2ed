"""`evalbot eval [FILE]`: how well routing does on labelled sets, lexical only against fused."""

import argparse
import sys
from pathlib import Path

from evalbot.cli.session import build_brain
from evalbot.config import Settings
from evalbot.core.brain import Brain
from evalbot.errors import CommandError
from evalbot.knowledge_base.locate import shipped_dev_set, shipped_near_misses, shipped_wild_set
from evalbot.core.reply import Reply
from evalbot.routing.evaluation import Labelled, Verdict, check_labels, evaluate, format_comparison, load_labelled
from evalbot.routing.head import IntentHead
from evalbot.routing.wild import TEST, half


def labelled_sets(file: str | None) -> list[tuple[str, list[Labelled]]]:
    """FILE alone, or by default the dev set and the wild set's test half (when it is installed)."""
    if file:
        return [(file, load_labelled(Path(file)))]
    sets = [(f"dev set, {shipped_dev_set()}", load_labelled(shipped_dev_set()))]
    wild = half(TEST)
    if wild:
        sets.append((f"wild set, test half, {shipped_wild_set()}", wild))
    if shipped_near_misses().is_file():
        sets.append((f"held-out near misses, {shipped_near_misses()}", load_labelled(shipped_near_misses())))
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
            "lexical only": evaluate(items, lambda text: verdict(lexical.answer(text))),
            "learnt router": evaluate(items, lambda text: verdict(brain.answer(text))),
        }
        print(("\n" if index else "") + format_comparison(reports, source=source, count=len(items)))
    print("\n" + describe_head(brain.router.head))
    return 0


def verdict(reply: Reply) -> Verdict:
    return Verdict(intent=reply.intent, confidence=reply.confidence, kind=str(reply.kind))


def describe_head(head: IntentHead) -> str:
    """How the shipped head was chosen: its cross-validated figures on the real training questions."""
    facts = head.facts
    if "cv_in_scope_accuracy" not in facts:
        return "The intent head carries no cross-validation figures."
    return "\n".join([
        f"The intent head, cross-validated on {facts['cv_real_questions']} real training questions:",
        f"  in-scope {facts['cv_in_scope_accuracy']:.1%}, out-of-scope recall {facts['cv_out_of_scope_recall']:.1%},",
        f"  choices {facts['cv_choice_rate']:.1%}, confidently wrong {facts['cv_confidently_wrong']:.1%}",
        f"  (out-of-scope bias {head.out_of_scope_bias:+.2f}, temperature {head.temperature:.2f},"
        f" choices below {head.unsure_below:.2f}).",
        "  Before it, the fused router scored 49.0% in scope and 84.4% out-of-scope",
        "  recall on the wild test half (measured 2026-11).",
    ])
