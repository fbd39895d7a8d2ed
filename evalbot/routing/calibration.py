"""Choosing routing thresholds from data: k-fold cross-validation over the indexed phrasings.

Each fold removes a fifth of every entry's example phrasings from the index and
routes them, so every phrasing is scored as if it were new. The negative cards'
phrasings are held out the same way and count as out of scope. The development
set is never used here: it stays a held-apart check.
"""

import math
from dataclasses import dataclass

from evalbot.core.reply import OUT_OF_SCOPE
from evalbot.knowledge_base.loader import KnowledgeBase
from evalbot.knowledge_base.models import NegativeCard
from evalbot.routing.matcher import Matcher
from evalbot.routing.normalise import normalise
from evalbot.routing.thresholds import Thresholds

FOLDS = 5


@dataclass(frozen=True, kw_only=True)
class HeldOut:
    text: str
    expected: str
    top: str
    score: float
    unfamiliar: float


def cross_validate(kb: KnowledgeBase, *, folds: int = FOLDS) -> list[HeldOut]:
    """Route every example phrasing with its own fold removed from the index."""
    results = []
    for fold in range(folds):
        entries, held = {}, []
        for entry in kb.entries.values():
            kept = [e for i, e in enumerate(entry.examples) if i % folds != fold]
            label = OUT_OF_SCOPE if isinstance(entry, NegativeCard) else entry.id
            held += [(e, label) for i, e in enumerate(entry.examples) if i % folds == fold]
            entries[entry.id] = entry.model_copy(update={"examples": kept})
        matcher = Matcher(knowledge=KnowledgeBase(entries=entries), thresholds=Thresholds(accept=0.0))
        for text, label in held:
            ranked = matcher.rank(normalise(text), limit=1)
            top = ranked[0] if ranked else None
            intent = OUT_OF_SCOPE if top is None or top.intent.startswith("negative:") else top.intent
            results.append(HeldOut(text=text, expected=label, top=intent, score=top.score if top else 0.0,
                                   unfamiliar=matcher.unfamiliar(normalise(text))))
    return results


def sweep(results: list[HeldOut], *, unfamiliar: float, accept_unfamiliar: float, steps: int = 30) -> list[dict[str, float]]:
    """In-scope accuracy, false rejection and out-of-scope recall for each accept threshold."""
    rows = []
    positives = [r for r in results if r.expected != OUT_OF_SCOPE]
    negatives = [r for r in results if r.expected == OUT_OF_SCOPE]
    for step in range(steps):
        limits = Thresholds(accept=step / 100, unfamiliar=unfamiliar, accept_unfamiliar=accept_unfamiliar)

        def routed(r: HeldOut, limits: Thresholds = limits) -> str:
            return OUT_OF_SCOPE if r.top == OUT_OF_SCOPE or limits.rejects(r.score, r.unfamiliar) else r.top
        rows.append({
            "accept": limits.accept,
            "accuracy": sum(routed(r) == r.expected for r in positives) / len(positives),
            "false_rejection": sum(routed(r) == OUT_OF_SCOPE for r in positives) / len(positives),
            "oos_recall": sum(routed(r) == OUT_OF_SCOPE for r in negatives) / max(1, len(negatives)),
        })
    return rows


def fit_confidence(results: list[HeldOut], *, iterations: int = 50) -> tuple[float, float]:
    """Logistic fit of P(routed intent is right | score) on held-out in-scope phrasings.

    Newton's method on two parameters; returns (slope, intercept) for
    `confidence = 1 / (1 + exp(-(slope * score + intercept)))`.
    """
    pairs = [(r.score, 1.0 if r.top == r.expected else 0.0)
             for r in results if r.expected != OUT_OF_SCOPE and r.top != OUT_OF_SCOPE]
    slope, intercept = 0.0, 0.0
    for _ in range(iterations):
        g_slope = g_intercept = h_ss = h_si = h_ii = 0.0
        for score, right in pairs:
            p = 1 / (1 + math.exp(-(slope * score + intercept)))
            weight = p * (1 - p)
            g_slope += (p - right) * score
            g_intercept += p - right
            h_ss += weight * score * score
            h_si += weight * score
            h_ii += weight
        determinant = h_ss * h_ii - h_si * h_si
        if determinant <= 1e-12:
            break
        slope -= (h_ii * g_slope - h_si * g_intercept) / determinant
        intercept -= (h_ss * g_intercept - h_si * g_slope) / determinant
    return slope, intercept
