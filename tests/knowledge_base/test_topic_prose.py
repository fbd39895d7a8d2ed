"""Topic prose reads well in any order: an answer leads with the points that fit the question, so the
summary, the gap note and the points are shown in different orders and may not point "below" or "above"."""

import re

import pytest

from evalbot.knowledge_base.loader import load_knowledge

KNOWLEDGE = load_knowledge()
_POSITIONAL = re.compile(r"\b(?:below|above|underneath)\b", re.IGNORECASE)


@pytest.mark.parametrize("topic", KNOWLEDGE.topics, ids=lambda topic: topic.id)
def test_topic_prose_does_not_point_up_or_down(topic):
    """No summary, gap note or key point of a topic refers to text "below" or "above" it."""
    prose = [topic.summary, topic.gap or "", *topic.points]
    assert not [text for text in prose if _POSITIONAL.search(text)]
