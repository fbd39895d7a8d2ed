"""The evidence the fused classifier weighs: per candidate intent, and for the out-of-scope option.

Candidates are the in-scope entries the lexical matcher or the semantic index ranks
highly. Each gets a feature row; the out-of-scope option gets one row of its own
(evidence that the message is someone else's topic). The classifier turns the rows
into one probability per option.
"""

from dataclasses import dataclass

import numpy as np

from evalbot.routing.matcher import Candidate, not_asked_for
from evalbot.routing.semantic.index import Similarities

CANDIDATE_FEATURES = (
    "lexical", "lexical_top", "lexical_margin", "semantic_nearest", "semantic_centroid",
    "semantic_top", "semantic_margin", "kind_not_asked",
)
OUT_OF_SCOPE_FEATURES = (
    "bias", "best_lexical", "unfamiliar", "negative_semantic", "negative_lexical", "best_semantic",
    "negative_on_top",
)
NEGATIVE_PREFIX = "negative:"
_SEMANTIC_POOL = 5


@dataclass(frozen=True, kw_only=True)
class Evidence:
    """What the matcher and the semantic index said about one message."""

    ranked: list[Candidate]
    similarities: Similarities
    unfamiliar: float
    asked_kinds: frozenset[str]


@dataclass(frozen=True, kw_only=True)
class FeatureRows:
    intents: list[str]
    candidates: np.ndarray  # one row per intent, CANDIDATE_FEATURES
    out_of_scope: np.ndarray  # OUT_OF_SCOPE_FEATURES


def feature_rows(evidence: Evidence, *, ids: list[str], kinds: dict[str, str]) -> FeatureRows:
    """Feature rows for the candidates of one message.

    Args:
        evidence: the message's lexical ranking and semantic similarities.
        ids: the semantic index's entry ids, in its order.
        kinds: the kind of answer (checklist, template, calculation) of each entry that must be asked for.
    """
    lexical = {c.intent: c.score for c in evidence.ranked}
    nearest = {i: float(s) for i, s in zip(ids, evidence.similarities.nearest)}
    centroid = {i: float(s) for i, s in zip(ids, evidence.similarities.centroid)}
    positive = [i for i in ids if not i.startswith(NEGATIVE_PREFIX)]
    by_semantic = sorted(positive, key=nearest.__getitem__, reverse=True)[:_SEMANTIC_POOL]
    intents = list(dict.fromkeys([c.intent for c in evidence.ranked if not c.intent.startswith(NEGATIVE_PREFIX)]
                                 + by_semantic))
    lexical_top = evidence.ranked[0].intent if evidence.ranked else None
    semantic_top = max(nearest, key=nearest.__getitem__) if nearest else None
    rows = []
    for intent in intents:
        others_lexical = max((lexical.get(i, 0.0) for i in intents if i != intent), default=0.0)
        others_semantic = max((nearest[i] for i in intents if i != intent), default=0.0)
        kind_not_asked = not_asked_for(kinds.get(intent), evidence.asked_kinds)
        rows.append([
            lexical.get(intent, 0.0), float(intent == lexical_top), lexical.get(intent, 0.0) - others_lexical,
            nearest[intent], centroid[intent], float(intent == semantic_top), nearest[intent] - others_semantic,
            float(kind_not_asked),
        ])
    negatives = [i for i in ids if i.startswith(NEGATIVE_PREFIX)]
    out_of_scope = [
        1.0,
        max((lexical.get(i, 0.0) for i in positive), default=0.0),
        evidence.unfamiliar,
        max((nearest[i] for i in negatives), default=0.0),
        max((s for i, s in lexical.items() if i.startswith(NEGATIVE_PREFIX)), default=0.0),
        max((nearest[i] for i in positive), default=0.0),
        float(lexical_top is not None and lexical_top.startswith(NEGATIVE_PREFIX)),
    ]
    return FeatureRows(
        intents=intents,
        candidates=np.array(rows, dtype=np.float64).reshape(len(intents), len(CANDIDATE_FEATURES)),
        out_of_scope=np.array(out_of_scope, dtype=np.float64),
    )
