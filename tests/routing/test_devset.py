"""Floors on the held-apart development set (written separately, never indexed by the matcher)."""

from collections import Counter
from pathlib import Path

import pytest

from evalbot.core.reply import OUT_OF_SCOPE
from evalbot.routing.evaluation import evaluate, load_labelled

DEV_SET = Path(__file__).with_name("devset.yaml")
# Floors sit a few points under the measured figures (see README), so a
# regression fails the build while run-to-run noise cannot.
FLOORS = {"accuracy": 0.88, "oos_recall": 0.90, "false_rejection": 0.04}


@pytest.fixture(scope="module")
def items():
    return load_labelled(DEV_SET)


def test_dev_set_shape(items, brain):
    """At least 400 messages, 6 per intent, 80 out of scope, all labels real intents."""
    counts = Counter(intent for item in items for intent in item.intents)
    assert len(items) >= 400 and counts[OUT_OF_SCOPE] >= 80
    assert all(counts[intent] >= 6 for intent in brain.knowledge.spec_ids)
    assert set(counts) <= set(brain.knowledge.spec_ids) | {OUT_OF_SCOPE}


def test_dev_set_is_never_indexed(items, brain):
    """No dev-set message is also an indexed example phrasing."""
    indexed = {example.lower().strip() for entry in brain.knowledge.entries.values() for example in entry.examples}
    assert not [item.text for item in items if item.text.lower().strip() in indexed]


def test_routing_floors(items, brain):
    """In-scope accuracy, out-of-scope recall and false rejection stay within their floors."""
    report = evaluate(items, lambda text: brain.answer(text).intent)
    assert report.in_scope_accuracy.value >= FLOORS["accuracy"]
    assert report.oos_recall.value >= FLOORS["oos_recall"]
    assert report.false_rejection.value <= FLOORS["false_rejection"]
