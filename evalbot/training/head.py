"""Training the intent head offline: data, cross-validated settings, and the final fit.

Training data: the knowledge base's phrasings (negative cards' count as out of scope),
the written training questions (`tests/routing/written/`) and the wild set's TRAIN half.
The wild set's test half and the dev set are never read here.

The settings a user feels are chosen by 5-fold cross-validation on the real questions
alone (each fold's real questions are predicted by a head fitted without them): the
out-of-scope bias, the temperature that makes probabilities honest, and the doubt
threshold below which a reply offers choices instead of a card.
"""

from dataclasses import dataclass

import numpy as np

from evalbot.core.reply import OUT_OF_SCOPE
from evalbot.knowledge_base.loader import KnowledgeBase
from evalbot.knowledge_base.models import NegativeCard
from evalbot.routing.evaluation import Labelled
from evalbot.training.choosing import choose_bias, choose_temperature, choose_unsure, held_out_figures
from evalbot.training.fitting import fit_softmax, soft_targets
from evalbot.routing.head.model import IntentHead
from evalbot.routing.matcher import Matcher
from evalbot.routing.router import family_matrix, kind_factors, lexical_evidence

FOLDS = 5


@dataclass(frozen=True, kw_only=True)
class HeadSettings:
    """What the fit itself needs, chosen by cross-validation on the wild training half.

    Balanced accuracy (in-scope accuracy + out-of-scope recall) on the 305 real training
    questions, each setting with its own bias, temperature and doubt threshold: real weight
    3 / 6 / 10 at L2 1e-3 gave 1.662 / 1.690 / 1.684; L2 3e-4 / 3e-3 at weight 3 gave
    1.631 / 1.665. A real question counts six times one of our own.
    """

    scale: float = 10.0
    l2: float = 1e-3
    steps: int = 300
    real_weight: float = 6.0


@dataclass(frozen=True, kw_only=True)
class TrainingItem:
    text: str
    intents: tuple[str, ...]
    real: bool  # a real question from the wild set's training half


def training_items(knowledge: KnowledgeBase, *, written: list[Labelled], wild_train: list[Labelled]) -> list[TrainingItem]:
    """Every labelled message the head learns from, with labels outside the knowledge base dropped."""
    if any(item.split != "train" for item in wild_train):
        raise ValueError("only the wild set's training half may teach the router")
    known = {entry.id for entry in knowledge.routable()} | {OUT_OF_SCOPE}
    items = []
    for entry in knowledge.entries.values():
        label = OUT_OF_SCOPE if isinstance(entry, NegativeCard) else entry.id
        items += [TrainingItem(text=text, intents=(label,), real=False) for text in entry.examples]
    for source, real in ((written, False), (wild_train, True)):
        for item in source:
            intents = tuple(intent for intent in item.intents if intent in known)
            if intents:
                items.append(TrainingItem(text=item.text, intents=intents, real=real))
    return items


def classes_of(items: list[TrainingItem]) -> list[str]:
    """Out of scope first, then every intent that has a training message, sorted."""
    return [OUT_OF_SCOPE, *sorted({intent for item in items for intent in item.intents} - {OUT_OF_SCOPE})]


def _fit(features: np.ndarray, items: list[TrainingItem], classes: list[str], settings: HeadSettings):
    weights = np.array([settings.real_weight if item.real else 1.0 for item in items], dtype=np.float32)
    targets = soft_targets([item.intents for item in items], classes)
    return fit_softmax(features * settings.scale, targets, sample_weights=weights, l2=settings.l2, steps=settings.steps)


def held_out_logits(features: np.ndarray, items: list[TrainingItem], classes: list[str], settings: HeadSettings,
                    *, folds: int = FOLDS) -> tuple[np.ndarray, np.ndarray]:
    """Logits of each real question from a head fitted without its fold; returns (row indices, logits).

    The caller adds what the router adds (`as_routed`) before choosing settings on them.
    """
    real = np.flatnonzero([item.real for item in items])
    rows, logits = [], []
    for fold in range(folds):
        held = real[fold::folds]
        keep = np.setdiff1d(np.arange(len(items)), held)
        w, b = _fit(features[keep], [items[i] for i in keep], classes, settings)
        rows.append(held)
        logits.append(features[held] * settings.scale @ w + b)
    return np.concatenate(rows), np.concatenate(logits)


def as_routed(logits: np.ndarray, asks: list[str], classes: list[str], matcher: Matcher) -> np.ndarray:
    """The logits as the router sees them: the kind factors and the lexical matcher's evidence added."""
    kinds = np.log(np.stack([kind_factors(ask, tuple(classes), matcher.answer_kinds) for ask in asks]))
    lexical = np.stack([lexical_evidence(matcher, ask, tuple(classes)) for ask in asks])
    return logits + kinds + lexical


def train_head(features: np.ndarray, items: list[TrainingItem], *, asks: list[str], knowledge: KnowledgeBase,
               matcher: Matcher, settings: HeadSettings = HeadSettings(), reads: str) -> IntentHead:
    """Choose the bias, temperature and doubt threshold by cross-validation, then fit on everything.

    Args:
        features: one message vector per item.
        asks: each item's ask (what `understand` found), for the router's kind factors.
        knowledge: the entries, for the families whose shares decide doubt.
        matcher: the lexical matcher (its kinds of answer and its evidence).
    """
    classes = classes_of(items)
    rows, logits = held_out_logits(features, items, classes, settings)
    logits = as_routed(logits, [asks[i] for i in rows], classes, matcher)
    accepted = [items[i].intents for i in rows]
    bias = choose_bias(logits, accepted, classes)
    temperature = choose_temperature(logits, accepted, classes, bias=bias)
    families = family_matrix(tuple(classes), knowledge)
    unsure_below = choose_unsure(logits, accepted, classes, bias=bias, temperature=temperature, families=families)
    facts = held_out_figures(logits, accepted, classes, bias=bias, temperature=temperature, unsure_below=unsure_below,
                             families=families)
    facts |= {"reads": reads, "training_messages": len(items), "real_training_messages": int(sum(i.real for i in items)),
              "settings": vars(settings)}
    w, b = _fit(features, items, classes, settings)
    return IntentHead(classes=tuple(classes), weights=w, biases=b, scale=settings.scale, temperature=temperature,
                      out_of_scope_bias=bias, unsure_below=unsure_below, facts=facts)
