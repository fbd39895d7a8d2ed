"""The fused classifier's arithmetic: a softmax over the out-of-scope option and the candidates."""

import json

import numpy as np

from evalbot.routing.fusion.features import CANDIDATE_FEATURES, OUT_OF_SCOPE_FEATURES, FeatureRows
from evalbot.routing.fusion.model import WEIGHTS_FILE, Weights, probabilities


def _rows(candidates: list[list[float]], out_of_scope: list[float]) -> FeatureRows:
    return FeatureRows(intents=[f"intent-{i}" for i in range(len(candidates))],
                       candidates=np.array(candidates), out_of_scope=np.array(out_of_scope))


def test_probabilities_sum_to_one_and_follow_the_utilities():
    """More evidence for a candidate raises its share; the shares always sum to 1."""
    weights = Weights(candidate=np.eye(len(CANDIDATE_FEATURES))[0] * 5, out_of_scope=np.eye(len(OUT_OF_SCOPE_FEATURES))[0])
    width = len(CANDIDATE_FEATURES)
    rows = _rows([[0.9] + [0] * (width - 1), [0.1] + [0] * (width - 1)], [1.0] + [0] * (len(OUT_OF_SCOPE_FEATURES) - 1))
    chances = probabilities(rows, weights)
    assert np.isclose(chances.sum(), 1.0)
    assert chances[1] > chances[0] > chances[2]


def test_no_candidates_means_out_of_scope():
    """With no candidate at all the out-of-scope option takes all the probability."""
    weights = Weights.load()
    rows = FeatureRows(intents=[], candidates=np.zeros((0, len(CANDIDATE_FEATURES))),
                       out_of_scope=np.zeros(len(OUT_OF_SCOPE_FEATURES)))
    assert probabilities(rows, weights).tolist() == [1.0]


def test_committed_weights_name_every_feature_and_their_calibration(tmp_path):
    """weights.json holds one weight per feature and the cross-validated ECE it was checked for; it round-trips."""
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    assert set(data["candidate"]) == set(CANDIDATE_FEATURES)
    assert set(data["out_of_scope"]) == set(OUT_OF_SCOPE_FEATURES)
    assert 0 <= data["cross_validated"]["ece"] < 0.1
    copy = tmp_path / "weights.json"
    copy.write_text(Weights.load().to_json())
    again = Weights.load(copy)
    assert np.allclose(again.candidate, Weights.load().candidate, atol=1e-5)
