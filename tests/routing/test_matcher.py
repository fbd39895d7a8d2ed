"""The matcher: ranked candidates, lone topic words, out-of-scope and did-you-mean."""

import pytest

from evalbot.routing.normalise import normalise


@pytest.mark.parametrize(
    ("word", "intent"),
    [("equity", "equity-negotiation"), ("kpis", "vp-kpis"), ("comp", "compensation"), ("Negotiation", "negotiation")],
)
def test_a_lone_topic_word_routes_to_its_topic(brain, word, intent):
    """A single word that names a topic routes there with full confidence."""
    route = brain.matcher.route(normalise(word))
    assert (route.intent, route.confidence) == (intent, 1.0)


def test_ranked_candidates_are_sorted_with_bounded_confidence(brain):
    """rank() returns candidates best first, each scored within 0..1."""
    ranked = brain.matcher.rank(normalise("how should I negotiate my equity package as a new vp"))
    scores = [c.score for c in ranked]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= s <= 1 for s in scores)
    assert ranked[0].intent in {"equity-negotiation", "negotiation"}


@pytest.mark.parametrize(
    "text",
    ["what's the wifi password", "how do I fine-tune llama", "who won the game last night", "reset my okta password", "asdfghjkl"],
)
def test_unrelated_questions_are_out_of_scope(brain, text):
    """Nothing close means out-of-scope, not a confident wrong answer."""
    assert brain.answer(text).intent == "out-of-scope"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("how much do VPs of eval get paid", "compensation"),
        ("what do the directors care about when I pitch them eval funding", "board-pitch"),
    ],
)
def test_slack_style_phrasings_route(brain, text, intent):
    """Lower-case fragments, typos, mentions and synonyms still find the right topic."""
    assert brain.answer(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"), [("<@U123> neg. tips pls :pray:", "negotiation"), ("buget for eval team??", "eval-budget")])
def test_cryptic_fragments_get_the_right_card_or_honest_doubt(brain, text, intent):
    """Abbreviations and typos the speller cannot repair: the right card, or choices / a decline, never a wrong card."""
    reply = brain.answer(text)
    assert reply.intent == intent or reply.kind in {"clarify", "out-of-scope"}


def _tiny_brain(**thresholds):
    from evalbot.core.brain import Brain
    from evalbot.knowledge_base.loader import KnowledgeBase
    from evalbot.routing.router import Router
    from evalbot.routing.thresholds import Thresholds

    base = Brain.load().knowledge
    twins = {
        "board-pitch": base.get("board-pitch").model_copy(update={"examples": ["pitch eval funding to the board"]}),
        "eval-budget": base.get("eval-budget").model_copy(update={"examples": ["pitch eval funding to the cfo"]}),
    }
    kb = KnowledgeBase(entries=twins)
    return Brain(knowledge=kb, router=Router(knowledge=kb, thresholds=Thresholds(**thresholds), fused=False))


def test_close_candidates_become_did_you_mean_choices():
    """When two intents score within the margin, the reply offers the runner-up."""
    brain = _tiny_brain(ambiguity_margin=0.5)
    reply = brain.answer("pitch eval funding")
    assert reply.intent in {"board-pitch", "eval-budget"}
    assert [c.intent for c in reply.did_you_mean] == list({"board-pitch", "eval-budget"} - {reply.intent})


def test_out_of_scope_offers_nearest_topics_above_the_suggest_bar():
    """Below the accept bar but above the suggest bar: out-of-scope with did-you-mean choices."""
    brain = _tiny_brain(accept=0.99, suggest=0.01)
    reply = brain.answer("pitch funding")
    assert reply.intent == "out-of-scope"
    assert {c.intent for c in reply.did_you_mean} <= {"board-pitch", "eval-budget"} and reply.did_you_mean
