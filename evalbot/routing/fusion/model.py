"""The fused classifier: a conditional logit over the candidates and the out-of-scope option.

Each candidate's utility is `candidate_weights . features`, the out-of-scope option's
is `out_of_scope_weights . features`; a softmax over them gives one probability per
option. The weights are fitted offline (`scripts/train-router`) and committed in
`weights.json`, with the calibration they were checked for.
"""

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from evalbot.routing.fusion.features import CANDIDATE_FEATURES, OUT_OF_SCOPE_FEATURES, FeatureRows

WEIGHTS_FILE = Path(__file__).resolve().parent / "weights.json"


@dataclass(frozen=True, kw_only=True)
class Weights:
    candidate: np.ndarray
    out_of_scope: np.ndarray

    @classmethod
    def load(cls, path: Path = WEIGHTS_FILE) -> "Weights":
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            candidate=np.array([data["candidate"][name] for name in CANDIDATE_FEATURES]),
            out_of_scope=np.array([data["out_of_scope"][name] for name in OUT_OF_SCOPE_FEATURES]),
        )

    def to_json(self, **extra) -> str:
        return json.dumps({
            "candidate": dict(zip(CANDIDATE_FEATURES, self.candidate.round(5).tolist())),
            "out_of_scope": dict(zip(OUT_OF_SCOPE_FEATURES, self.out_of_scope.round(5).tolist())),
            **extra,
        }, indent=2) + "\n"


def probabilities(rows: FeatureRows, weights: Weights) -> np.ndarray:
    """P(out of scope) first, then P(each candidate) in `rows.intents` order; they sum to 1."""
    utilities = np.concatenate([[rows.out_of_scope @ weights.out_of_scope], rows.candidates @ weights.candidate])
    utilities -= utilities.max()
    exp = np.exp(utilities)
    return exp / exp.sum()
