"""The start-up cache of the built knowledge base and routing index."""

import time
from pathlib import Path

import yaml

from evalbot.core import brain_cache
from evalbot.core.brain import Brain

QUESTIONS = ["how big is a typical VP of AI quality team", "what's the weather in berlin", "neg. tips pls"]


def _answers(brain: Brain) -> list[tuple[str, float]]:
    return [(reply.intent, reply.confidence) for reply in map(brain.answer, QUESTIONS)]


def test_cached_brain_answers_like_a_fresh_one(tmp_path: Path):
    """A brain read back from the cache routes exactly like one built from scratch."""
    first = Brain.load(cache_dir=tmp_path)
    assert len(list(tmp_path.glob("brain-*.pickle"))) == 1
    second = Brain.load(cache_dir=tmp_path)
    assert second.router is not first.router
    assert _answers(second) == _answers(first) == _answers(Brain.load())


def test_changed_overlay_is_not_served_stale(tmp_path: Path, brain: Brain):
    """Editing an overlay file changes the key, so the next load sees the edit."""
    overlay = tmp_path / "overlay"
    (overlay / "topics").mkdir(parents=True)
    path = overlay / "topics" / "compensation.yaml"
    topic = brain.knowledge.get("compensation").model_dump(exclude={"kind"})
    path.write_text(yaml.safe_dump(topic))
    Brain.load(overlay_dir=overlay, cache_dir=tmp_path / "cache")
    topic["summary"] = "Acme's own pay bands live in the HR wiki, band L9 for VPs of AI Quality."
    time.sleep(0.01)
    path.write_text(yaml.safe_dump(topic))
    reloaded = Brain.load(overlay_dir=overlay, cache_dir=tmp_path / "cache")
    assert reloaded.knowledge.get("compensation").summary.startswith("Acme's own pay bands")
    assert len(list((tmp_path / "cache").glob("brain-*.pickle"))) == 1


def test_corrupt_cache_is_rebuilt(tmp_path: Path):
    """A damaged cache file is ignored and replaced, never an error."""
    Brain.load(cache_dir=tmp_path)
    (cached,) = tmp_path.glob("brain-*.pickle")
    cached.write_bytes(b"not a pickle at all")
    assert _answers(Brain.load(cache_dir=tmp_path)) == _answers(Brain.load())
    assert cached.read_bytes() != b"not a pickle at all"


def test_unwritable_cache_folder_still_answers(tmp_path: Path):
    """If the cache folder cannot be created, the brain is built and works anyway."""
    blocker = tmp_path / "file"
    blocker.write_text("a file where a folder should be")
    brain = Brain.load(cache_dir=blocker / "cache")
    assert brain.answer("equity").intent == "equity-negotiation"
    assert not list(tmp_path.glob("**/.brain-*"))


def test_fingerprint_tracks_knowledge_files(tmp_path: Path):
    """Adding a knowledge file changes the fingerprint."""
    before = brain_cache.fingerprint([tmp_path])
    (tmp_path / "topics").mkdir()
    (tmp_path / "topics" / "x.yaml").write_text("id: x\n")
    assert brain_cache.fingerprint([tmp_path]) != before
