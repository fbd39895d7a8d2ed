"""Routing self-evaluation metrics and the threshold calibration behind them."""

import pytest

from evalbot.knowledge_base.loader import KnowledgeBase
from evalbot.routing.calibration import cross_validate, sweep
from evalbot.routing.evaluation import Labelled, evaluate, load_labelled
from evalbot.errors import CommandError


def test_metrics_count_what_they_claim():
    """Accuracy, out-of-scope recall/precision and false rejection from known predictions."""
    items = [
        Labelled(text="a", intents=("roi",)),           # right
        Labelled(text="b", intents=("roi",)),           # wrong topic
        Labelled(text="c", intents=("npv",)),           # falsely rejected
        Labelled(text="d", intents=("out-of-scope",)),  # caught
        Labelled(text="e", intents=("out-of-scope",)),  # missed
    ]
    predictions = {"a": "roi", "b": "npv", "c": "out-of-scope", "d": "out-of-scope", "e": "roi"}
    report = evaluate(items, predictions.__getitem__)
    assert (report.in_scope_accuracy.hits, report.in_scope_accuracy.total) == (1, 3)
    assert (report.false_rejection.hits, report.false_rejection.total) == (1, 3)
    assert (report.oos_recall.hits, report.oos_recall.total) == (1, 2)
    assert (report.oos_precision.hits, report.oos_precision.total) == (1, 2)
    low, high = report.in_scope_accuracy.interval()
    assert 0 < low < 1 / 3 < high < 1
    assert ("roi", "npv", 1) in report.confusions


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("set.yaml", "text: not a list\n", "must hold a list"),
        ("set.yaml", "- {text: hi}\n", "record 1 needs a string `text`"),
        ("set.yaml", "- {text: hi, intents: []}\n", "record 1 needs a string `text`"),
        ("set.yaml", "- {text: hi, intents: [roi, 5]}\n", "record 1 needs a string `text`"),
        ("set.jsonl", '{"text": "hi", "intent": "greeting"}\n{broken\n', "not valid YAML or JSON Lines"),
    ],
)
def test_bad_labelled_files_are_named_errors(tmp_path, name, content, message):
    """A malformed labelled set is a clear error naming the problem."""
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(CommandError, match=message):
        load_labelled(path)


def test_cross_validation_routes_every_phrasing_once(brain):
    """Each example phrasing is held out exactly once, and stricter thresholds reject more."""
    subset = {i: brain.knowledge.get(i) for i in ("roi", "npv", "board-pitch", "negative:everyday")}
    results = cross_validate(KnowledgeBase(entries=subset))
    assert len(results) == sum(len(entry.examples) for entry in subset.values())
    rows = sweep(results, unfamiliar=1.01, accept_unfamiliar=0.0)
    rejections = [row["false_rejection"] for row in rows]
    assert rejections == sorted(rejections)
    assert rows[0]["accuracy"] > 0.5


def test_confidence_fit_is_calibrated_on_synthetic_scores():
    """The logistic fit recovers a rising curve: low scores unlikely right, high scores likely right."""
    from evalbot.routing.calibration import HeldOut, fit_confidence
    from evalbot.routing.thresholds import Thresholds

    results = [
        HeldOut(text="", expected="a", top="a" if i % 10 < round(score * 10) else "b", score=score, unfamiliar=0.0)
        for score in (0.1, 0.3, 0.5, 0.7, 0.9) for i in range(50)
    ]
    slope, intercept = fit_confidence(results)
    curve = Thresholds(confidence_slope=slope, confidence_intercept=intercept)
    assert slope > 0
    assert abs(curve.confidence(0.5) - 0.5) < 0.05
    assert curve.confidence(0.1) < 0.25 < 0.75 < curve.confidence(0.9)


def test_check_labels_names_an_unknown_intent():
    """An unknown label is named with its record; out-of-scope and known ids pass."""
    from evalbot.routing.evaluation import check_labels

    items = [Labelled(text="a", intents=("roi", "out-of-scope")), Labelled(text="b", intents=("npv", "nvp"))]
    with pytest.raises(CommandError, match="record 2 has the unknown intent `nvp`"):
        check_labels(items, {"roi", "npv"}, source="set.yaml")
    check_labels(items[:1], {"roi"}, source="set.yaml")
