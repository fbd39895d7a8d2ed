"""Fitting the fused classifier: it learns from evidence, reports calibration, and refuses the wild test half."""

import numpy as np
import pytest

from evalbot.core.reply import OUT_OF_SCOPE
from evalbot.knowledge_base.loader import KnowledgeBase
from evalbot.routing.evaluation import Labelled
from evalbot.routing.fusion.features import CANDIDATE_FEATURES, OUT_OF_SCOPE_FEATURES, FeatureRows
from evalbot.routing.fusion.training import Example, fit, held_out_examples, predict, reliability


def _example(right: int, strength: float, *, oos: bool = False) -> Example:
    """Two candidates; the `right` one has `strength` more of the first feature; out-of-scope ones have little."""
    candidates = np.zeros((2, len(CANDIDATE_FEATURES)))
    candidates[:, 0] = 0.2 if oos else 0.3
    candidates[right, 0] += 0 if oos else strength
    out_of_scope = np.zeros(len(OUT_OF_SCOPE_FEATURES))
    out_of_scope[0] = 1.0
    out_of_scope[2] = 0.9 if oos else 0.1  # "unfamiliar"
    rows = FeatureRows(intents=["a", "b"], candidates=candidates, out_of_scope=out_of_scope)
    accepted = frozenset([OUT_OF_SCOPE] if oos else ["ab"[right]])
    return Example(text="", accepted=accepted, rows=rows)


def test_fit_learns_which_evidence_matters():
    """On separable synthetic evidence the fitted classifier picks the right option every time."""
    examples = [_example(i % 2, 0.5) for i in range(40)] + [_example(0, 0, oos=True) for _ in range(20)]
    weights = fit(examples, steps=500)
    assert weights.candidate[0] > 0 and weights.out_of_scope[2] > 0
    assert all(predict(e, weights)[0] in e.accepted for e in examples)


def test_an_example_whose_answer_is_no_candidate_is_skipped():
    """A message whose accepted intent is among no candidate teaches nothing (and does not break the fit)."""
    stray = _example(0, 0.5)
    stray = Example(text="", accepted=frozenset(["zzz"]), rows=stray.rows)
    weights = fit([_example(0, 0.5), _example(1, 0.5), stray], steps=50)
    assert np.isfinite(weights.candidate).all()


def test_reliability_table_and_expected_calibration_error():
    """ECE is the count-weighted gap between confidence and accuracy per bin."""
    pairs = [(0.95, True)] * 9 + [(0.95, False)] + [(0.55, True)] * 3 + [(0.55, False)] * 7
    error, table = reliability(pairs)
    assert table == [(pytest.approx(0.55), pytest.approx(0.3), 10), (pytest.approx(0.95), pytest.approx(0.9), 10)]
    assert error == pytest.approx(0.5 * 0.25 + 0.5 * 0.05)


def test_the_wild_test_half_is_refused(brain):
    """Handing a test-half question to the trainer is an error, before anything is built."""
    item = Labelled(text="how do I pitch to the board", intents=("board-pitch",), split="test")
    with pytest.raises(ValueError, match="training half"):
        held_out_examples(KnowledgeBase(entries={}), [item])


def test_held_out_examples_score_every_phrasing_with_its_fold_removed(brain):
    """Each phrasing (and each wild training question) yields one example, labelled with what it stands for."""
    subset = {i: brain.knowledge.get(i) for i in ("roi", "board-pitch", "negative:everyday")}
    wild = [Labelled(text="is our qa spend worth it, how do I show the return", intents=("roi",), split="train")]
    examples = held_out_examples(KnowledgeBase(entries=subset), wild)
    labels = [label for e in examples for label in e.accepted]
    assert labels.count(OUT_OF_SCOPE) <= len(subset["negative:everyday"].examples)
    assert len(examples) <= sum(len(e.examples) for e in subset.values()) + 1
    assert any(e.text == wild[0].text and e.accepted == {"roi"} for e in examples)
    assert all(set(e.rows.intents) <= {"roi", "board-pitch"} for e in examples)
