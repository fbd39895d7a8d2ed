"""The router: the matcher's shortcuts first, then the learnt head's probabilities over the encoder's vectors."""

import pickle

import numpy as np
import pytest

from evalbot.core.reply import OUT_OF_SCOPE
from evalbot.knowledge_base.loader import KnowledgeBase
from evalbot.routing.encoder import Encoder
from evalbot.routing.head import IntentHead
from evalbot.routing.normalise import normalise
from evalbot.routing.router import Router, message_vector


def route(brain, text):
    return brain.router.route(normalise(text), whole=normalise(text))


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
    found = route(brain, text)
    assert 0.0 < found.confidence <= 1.0
    assert all(c.score <= found.confidence for c in found.candidates)
    assert sum(c.score for c in found.candidates) <= 1.0 + 1e-6
    assert not any(c.intent.startswith("negative:") or c.intent == OUT_OF_SCOPE for c in found.candidates)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("how do i pitch the eval budget to the board", "board-pitch"),
        ("whats the weather in berlin", OUT_OF_SCOPE),
        ("what should i push for on vesting and the exercise window in my vp offer", "equity-negotiation"),
        ("equity", "equity-negotiation"),  # a name: the matcher's shortcut decides
    ],
)
def test_routes_plain_cases(brain, text, intent):
    """Clear asks route to their intent, an unrelated one out of scope, a bare name by the shortcut."""
    assert route(brain, text).intent == intent


def test_a_story_is_read_whole_not_just_its_last_line(brain):
    """"what should i do" names nothing; the story around it is about an acquisition's due diligence."""
    text = ("An acquirer is doing due diligence on our eval process before the deal closes, and they want to see "
            "how we test our models. What should I do?")
    assert brain.answer(text).intent == "m-and-a"


def test_a_post_about_something_else_is_turned_away(brain):
    """The ask drifts into our vocabulary ("how do i solve this"); the post is plainly a training bug."""
    text = "Loss becomes NaN after the first epoch while training my PyTorch model. How do I solve this?"
    assert brain.answer(text).intent == OUT_OF_SCOPE


def test_lexical_only_twin_is_the_matcher(brain):
    """The side-by-side baseline decides exactly as the lexical matcher does, and leaves the router fused."""
    lexical = brain.router.lexical_only()
    for text in ("negotation tips", "how big should my eval team be", "who is bringing snacks"):
        assert lexical.route(normalise(text)) == brain.matcher.route(normalise(text))
    assert brain.router.fused and not lexical.fused


def test_a_class_missing_from_the_knowledge_base_is_never_chosen(brain):
    """A knowledge base without the board-pitch card never routes there, even for a board-pitch question."""
    entries = {k: v for k, v in brain.knowledge.entries.items() if k != "board-pitch"}
    router = Router(knowledge=KnowledgeBase(entries=entries), head=brain.router.head, encoder=brain.router.encoder)
    found = router.route("how do i pitch the eval budget to the board", whole="how do I pitch the eval budget to the board?")
    assert found.intent != "board-pitch"
    assert "board-pitch" not in {c.intent for c in found.candidates}


def test_the_router_pickles_without_its_onnx_session(brain):
    """The brain cache pickles the router; the encoder's session is rebuilt on first use, with the same vectors."""
    text = "how do i pitch the eval budget to the board"
    before = route(brain, text)
    copy = pickle.loads(pickle.dumps(brain.router))
    assert "encoder" not in copy.__dict__
    assert copy.route(normalise(text), whole=text) == before


def test_message_vector_is_unit_length_and_reads_the_ask_too():
    """A long post's vector mixes its whole text with its ask; a short one is its own vector."""
    encoder = Encoder()
    short = message_vector(encoder, ask="equity questions", whole="equity questions")
    assert np.allclose(short, encoder.encode(["equity questions"])[0], atol=1e-6)
    mixed = message_vector(encoder, ask="what about equity", whole="long story about my offer. what about equity")
    assert abs(float(np.linalg.norm(mixed)) - 1.0) < 1e-5
    assert not np.allclose(mixed, encoder.encode(["long story about my offer. what about equity"])[0], atol=1e-3)


def test_shipped_head_covers_every_routable_intent(brain):
    """Every card a user can reach is a class of the shipped head, and out of scope is one too."""
    head = IntentHead.load()
    routable = {entry.id for entry in brain.knowledge.routable()}
    assert OUT_OF_SCOPE in head.classes
    assert routable <= set(head.classes), sorted(routable - set(head.classes))
    assert 0.0 < head.unsure_below < 1.0 and head.temperature > 0


def test_an_overlay_entry_the_head_never_saw_is_routed_by_its_phrasings(brain):
    """A new entry (an organisation's overlay) joins the head as a prototype class and wins on its own phrasings."""
    salary = brain.knowledge.get("compensation").model_copy(update={
        "id": "salary-bands", "title": "Our salary bands",
        "examples": ["salary bands for director of ml quality", "what are our pay bands for eval directors",
                     "director level salary band at our company", "pay band for a director in ml quality"]})
    entries = {**brain.knowledge.entries, "salary-bands": salary}
    router = Router(knowledge=KnowledgeBase(entries=entries), encoder=brain.router.encoder)
    assert "salary-bands" in router.head.classes and "salary-bands" not in brain.router.head.classes
    ask = normalise("what's the salary band for a director of ml quality here?")
    assert router.route(ask, whole=ask).intent == "salary-bands"
    weather = normalise("whats the weather in berlin")
    assert router.route(weather, whole=weather).intent == OUT_OF_SCOPE


def test_the_encoder_keeps_recent_vectors_and_forgets_old_ones():
    """A text encoded again comes from the recent cache (same vector); the cache stays bounded."""
    from evalbot.routing.encoder import onnx_encoder

    encoder = Encoder()
    first = encoder.encode(["how do i pitch the board"])[0]
    assert np.array_equal(encoder.encode(["how do i pitch the board"])[0], first)
    encoder.encode([f"message number {n}" for n in range(onnx_encoder.RECENT + 5)])
    assert len(encoder._recent) == onnx_encoder.RECENT
    assert "how do i pitch the board" not in encoder._recent


FORKING_SERVER = """
import os, sys
from evalbot.core.brain import Brain
brain = Brain.load()
assert "onnxruntime" not in sys.modules, "the master must not load onnxruntime before it forks"
pid = os.fork()
if pid == 0:
    print(brain.answer("how do I pitch the eval budget to the board?").intent, flush=True)
    sys.exit(0)
_, status = os.waitpid(pid, 0)
sys.exit(os.waitstatus_to_exitcode(status))
"""


def test_a_forked_worker_answers_and_exits_cleanly():
    """As under gunicorn's preload: the parent builds the brain, a forked child answers, then exits promptly."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", FORKING_SERVER], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "board-pitch"
