"""The router: the matcher's shortcuts first, then the fused classifier's probabilities."""

import pytest

from evalbot.core.reply import OUT_OF_SCOPE
from evalbot.knowledge_base.loader import KnowledgeBase
from evalbot.routing.evaluation import Labelled
from evalbot.routing.normalise import normalise
from evalbot.routing.router import WILD_NEGATIVES, semantic_phrasings


@pytest.mark.parametrize(
    "text",
    [
        "how do i pitch the eval budget to the board",
        "what should i negotiate in my equity package",
        "whats the weather in berlin",
        "my docker build fails on ci",
    ],
)
def test_confidence_is_the_chosen_options_probability(brain, text):
    """The confidence is a probability, at least as large as any other candidate's."""
    route = brain.router.route(normalise(text))
    assert 0.0 < route.confidence <= 1.0
    assert all(c.score <= route.confidence for c in route.candidates)
    assert sum(c.score for c in route.candidates) <= 1.0 + 1e-6
    assert not any(c.intent.startswith("negative:") for c in route.candidates)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("how do i pitch the eval budget to the board", "board-pitch"),
        ("whats the weather in berlin", OUT_OF_SCOPE),
        ("equity", "equity-negotiation"),  # a name: the matcher's shortcut decides
    ],
)
def test_fused_routes_plain_cases(brain, text, intent):
    """Clear asks route to their intent, an unrelated one out of scope, a bare name by the shortcut."""
    assert brain.router.route(normalise(text)).intent == intent


def test_lexical_only_twin_is_the_matcher(brain):
    """The side-by-side baseline decides exactly as the lexical matcher does, and leaves the router fused."""
    lexical = brain.router.lexical_only()
    for text in ("negotation tips", "how big should my eval team be", "who is bringing snacks"):
        assert lexical.route(normalise(text)) == brain.matcher.route(normalise(text))
    assert brain.router.fused and not lexical.fused


def test_learnt_questions_join_the_semantic_index(brain):
    """Wild training questions embed under each accepted intent; out-of-scope ones under the wild negatives."""
    knowledge = KnowledgeBase(entries={"roi": brain.knowledge.get("roi")})
    learnt = [
        Labelled(text="Is QA *worth* the money?", intents=("roi", "business-case"), split="train"),
        Labelled(text="my build is red", intents=(OUT_OF_SCOPE,), split="train"),
    ]
    phrasings = semantic_phrasings(knowledge, learnt)
    assert "is qa worth the money" in phrasings["roi"]
    assert "business-case" not in phrasings  # an intent this knowledge base lacks is not invented
    assert phrasings[WILD_NEGATIVES] == ["my build is red"]
