"""Fitting the fused classifier offline: cross-validated evidence, a regularised conditional logit, and ECE.

Every training message is scored by a router that has not seen it: the knowledge
base's phrasings (negative cards' ones count as out of scope) and the wild set's
training half are split into folds, and each fold is routed by a router built
without it. The wild set's test half is never passed in here.
"""

from dataclasses import dataclass

import numpy as np

from evalbot.core.reply import OUT_OF_SCOPE
from evalbot.knowledge_base.loader import KnowledgeBase
from evalbot.knowledge_base.models import NegativeCard
from evalbot.routing.evaluation import Labelled
from evalbot.routing.fusion.features import CANDIDATE_FEATURES, OUT_OF_SCOPE_FEATURES, FeatureRows
from evalbot.routing.fusion.model import Weights
from evalbot.routing.router import Router
from evalbot.routing.semantic.encoder import Encoder

FOLDS = 5


@dataclass(frozen=True, kw_only=True)
class Example:
    text: str
    accepted: frozenset[str]
    rows: FeatureRows
    real: bool = False  # a real question from the wild set, not one of our own phrasings

    def targets(self) -> np.ndarray:
        """1 for each option (out of scope first, then the candidates) a careful reader accepts."""
        return np.array([OUT_OF_SCOPE in self.accepted] + [i in self.accepted for i in self.rows.intents], dtype=bool)


def held_out_examples(kb: KnowledgeBase, wild_train: list[Labelled], *, folds: int = FOLDS) -> list[Example]:
    """Feature rows for every phrasing and wild training question, each from a router built without its fold."""
    if any(item.split != "train" for item in wild_train):
        raise ValueError("only the wild set's training half may teach the router")
    encoder = Encoder()
    examples = []
    for fold in range(folds):
        entries, held = {}, []
        for entry in kb.entries.values():
            label = OUT_OF_SCOPE if isinstance(entry, NegativeCard) else entry.id
            held += [(text, frozenset([label]), False) for i, text in enumerate(entry.examples) if i % folds == fold]
            entries[entry.id] = entry.model_copy(update={"examples": [e for i, e in enumerate(entry.examples) if i % folds != fold]})
        learnt = [item for i, item in enumerate(wild_train) if i % folds != fold]
        held += [(item.text, frozenset(item.intents), True) for i, item in enumerate(wild_train) if i % folds == fold]
        router = Router(knowledge=KnowledgeBase(entries=entries), learnt=learnt, encoder=encoder,
                        weights=Weights(candidate=np.zeros(len(CANDIDATE_FEATURES)), out_of_scope=np.zeros(len(OUT_OF_SCOPE_FEATURES))))
        for text, accepted, real in held:
            ask = router.read(text)
            if ask and router.matcher.shortcut(ask) is None:
                examples.append(Example(text=text, accepted=accepted, rows=router.rows(ask), real=real))
    return examples


def _arrays(examples: list[Example], mask_features: tuple[str, ...]) -> tuple[np.ndarray, ...]:
    width = max(len(e.rows.intents) for e in examples)
    candidates = np.zeros((len(examples), width, len(CANDIDATE_FEATURES)))
    present = np.zeros((len(examples), width + 1), dtype=bool)
    targets = np.zeros((len(examples), width + 1), dtype=bool)
    oos = np.stack([e.rows.out_of_scope for e in examples])
    for n, example in enumerate(examples):
        k = len(example.rows.intents)
        candidates[n, :k] = example.rows.candidates
        present[n, :k + 1] = True
        targets[n, :k + 1] = example.targets()
    for name in mask_features:
        if name in CANDIDATE_FEATURES:
            candidates[:, :, CANDIDATE_FEATURES.index(name)] = 0.0
        else:
            oos[:, OUT_OF_SCOPE_FEATURES.index(name)] = 0.0
    return candidates, oos, present, targets


def _chances(candidates, oos, present, w, v) -> np.ndarray:
    utilities = np.concatenate([(oos @ v)[:, None], candidates @ w], axis=1)
    utilities = np.where(present, utilities, -np.inf)
    utilities -= utilities.max(axis=1, keepdims=True)
    exp = np.exp(utilities)
    return exp / exp.sum(axis=1, keepdims=True)


def fit(examples: list[Example], *, l2: float = 1e-3, steps: int = 3000, rate: float = 0.1,
        real_weight: float = 1.0, without: tuple[str, ...] = ()) -> Weights:
    """Maximise the likelihood that an accepted option is chosen (Adam, L2), ignoring the `without` features.

    A real question counts `real_weight` times as much as one of our own phrasings.
    """
    usable = [e for e in examples if e.targets().any()]  # an item whose answer is no candidate teaches nothing
    candidates, oos, present, targets = _arrays(usable, without)
    weight = np.array([real_weight if e.real else 1.0 for e in usable])
    weight /= weight.sum()
    w, v = np.zeros(candidates.shape[2]), np.zeros(oos.shape[1])
    moments = [np.zeros_like(w), np.zeros_like(v)], [np.zeros_like(w), np.zeros_like(v)]
    for step in range(1, steps + 1):
        p = _chances(candidates, oos, present, w, v)
        q = np.where(targets, p, 0.0)
        q /= q.sum(axis=1, keepdims=True)
        delta = (p - q) * weight[:, None]
        grads = [np.einsum("nk,nkf->f", delta[:, 1:], candidates) + l2 * w, delta[:, 0] @ oos + l2 * v]
        for i, (param, grad) in enumerate(zip((w, v), grads)):
            moments[0][i] = 0.9 * moments[0][i] + 0.1 * grad
            moments[1][i] = 0.999 * moments[1][i] + 0.001 * grad ** 2
            param -= rate * (moments[0][i] / (1 - 0.9 ** step)) / (np.sqrt(moments[1][i] / (1 - 0.999 ** step)) + 1e-8)
    return Weights(candidate=w, out_of_scope=v)


def predict(example: Example, weights: Weights) -> tuple[str, float]:
    """The chosen option and its probability."""
    candidates, oos, present, _ = _arrays([example], ())
    p = _chances(candidates, oos, present, weights.candidate, weights.out_of_scope)[0]
    best = int(np.argmax(p))
    return (OUT_OF_SCOPE if best == 0 else example.rows.intents[best - 1]), float(p[best])


def reliability(pairs: list[tuple[float, bool]], *, bins: int = 10) -> tuple[float, list[tuple[float, float, int]]]:
    """Expected calibration error and per-bin (mean confidence, accuracy, count) of (confidence, right) pairs."""
    table, error = [], 0.0
    for b in range(bins):
        chosen = [(c, r) for c, r in pairs if b / bins <= c < (b + 1) / bins or (b == bins - 1 and c == 1.0)]
        if chosen:
            confidence = sum(c for c, _ in chosen) / len(chosen)
            accuracy = sum(r for _, r in chosen) / len(chosen)
            table.append((confidence, accuracy, len(chosen)))
            error += len(chosen) / len(pairs) * abs(confidence - accuracy)
    return error, table
