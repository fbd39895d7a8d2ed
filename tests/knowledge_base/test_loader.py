"""Loading, validation errors and the organisation overlay."""

from pathlib import Path

import pytest
import yaml

from evalbot.errors import KnowledgeError
from evalbot.knowledge_base.integrity import find_problems
from evalbot.knowledge_base.loader import load_knowledge
from evalbot.knowledge_base.locate import shipped_knowledge_dir
from evalbot.knowledge_base.models import Topic

SPEC = yaml.safe_load((shipped_knowledge_dir() / "intents.yaml").read_text())
SPEC_IDS = [item["id"] for group in ("topics", "calculators", "checklists", "templates", "smalltalk") for item in SPEC[group]]


def test_shipped_knowledge_has_no_problems():
    """The shipped knowledge base loads and passes every cross-file check."""
    kb = load_knowledge()
    assert find_problems(kb, knowledge_dir=shipped_knowledge_dir()) == []


@pytest.mark.parametrize("intent_id", SPEC_IDS)
def test_every_spec_intent_has_an_entry(intent_id):
    """Each intent id of the spec has a knowledge entry of the spec's kind."""
    kb = load_knowledge()
    assert kb.get(intent_id) is not None
    assert kb.spec_ids[intent_id] == kb.get(intent_id).kind


def test_every_topic_cites_the_guide_and_has_enough_examples():
    """Topics carry citations, key points and at least eight example phrasings."""
    for topic in load_knowledge().topics:
        assert topic.sources and topic.points and len(topic.examples) >= 8, topic.id


@pytest.mark.parametrize(
    ("mutation", "field"),
    [
        (lambda d: d.pop("title"), "title"),
        (lambda d: d.update(examples=["only one"]), "examples"),
        (lambda d: d.update(points="not a list"), "points"),
        (lambda d: d.update(colour="blue"), "colour"),
        (lambda d: d.update(id="something-else"), "id"),
    ],
)
def test_broken_topic_names_file_and_field(knowledge_copy: Path, mutation, field):
    """A broken topic file fails with its path and the offending field."""
    path = knowledge_copy / "topics" / "vp-role.yaml"
    data = yaml.safe_load(path.read_text())
    mutation(data)
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(base_dir=knowledge_copy)
    message = str(caught.value)
    assert str(path) in message and f"'{field}" in message


def test_unparseable_yaml_names_file(knowledge_copy: Path):
    """A file that is not YAML at all is reported with its path."""
    path = knowledge_copy / "topics" / "vp-role.yaml"
    path.write_text("title: [unclosed\n")
    with pytest.raises(KnowledgeError, match="vp-role.yaml: not readable YAML"):
        load_knowledge(base_dir=knowledge_copy)


def test_every_problem_is_reported_at_once(knowledge_copy: Path):
    """Two broken files give two problems, not just the first."""
    for name in ("vp-role", "compensation"):
        (knowledge_copy / "topics" / f"{name}.yaml").write_text("id: 5\n")
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(base_dir=knowledge_copy)
    assert {p.split(":")[0].rsplit("/", 1)[-1] for p in caught.value.problems} == {"vp-role.yaml", "compensation.yaml"}


def _overlay_topic(**changes) -> dict:
    base = load_knowledge().get("compensation").model_dump(exclude={"kind"})
    base.update(changes)
    return base


def test_overlay_overrides_a_shipped_topic(tmp_path: Path):
    """An overlay entry with a shipped id replaces the shipped entry."""
    (tmp_path / "topics").mkdir()
    topic = _overlay_topic(summary="Acme pays VPs of AI Quality on band L9; see the HR wiki for figures.")
    (tmp_path / "topics" / "compensation.yaml").write_text(yaml.safe_dump(topic))
    kb = load_knowledge(tmp_path)
    assert kb.get("compensation").summary.startswith("Acme pays")
    assert kb.origins["compensation"] == tmp_path / "topics" / "compensation.yaml"


def test_overlay_adds_a_new_topic(tmp_path: Path):
    """An overlay entry with a new id is added beside the shipped ones."""
    (tmp_path / "topics").mkdir()
    topic = _overlay_topic(id="acme-pay-bands", title="Acme pay bands for eval leaders", related=[])
    (tmp_path / "topics" / "acme-pay-bands.yaml").write_text(yaml.safe_dump(topic))
    kb = load_knowledge(tmp_path)
    assert isinstance(kb.get("acme-pay-bands"), Topic)
    assert kb.get("vp-role") is not None


def test_broken_overlay_is_reported_with_its_path(tmp_path: Path):
    """A bad overlay file is named in the error."""
    (tmp_path / "topics").mkdir()
    (tmp_path / "topics" / "compensation.yaml").write_text("id: compensation\n")
    with pytest.raises(KnowledgeError, match=str(tmp_path / "topics" / "compensation.yaml")):
        load_knowledge(tmp_path)


def test_missing_overlay_folder_is_reported(tmp_path: Path):
    """EVALBOT_KNOWLEDGE_DIR pointing nowhere is an error, not silently ignored."""
    with pytest.raises(KnowledgeError, match="not a folder"):
        load_knowledge(tmp_path / "nope")


def test_unknown_related_id_and_bad_citation_are_found(knowledge_copy: Path):
    """Cross-file checks catch dangling related ids and citations of non-headings."""
    path = knowledge_copy / "topics" / "vp-role.yaml"
    data = yaml.safe_load(path.read_text())
    data["related"] = ["no-such-topic"]
    data["sources"] = ["Chapter 99"]
    path.write_text(yaml.safe_dump(data))
    problems = find_problems(load_knowledge(base_dir=knowledge_copy), knowledge_dir=knowledge_copy)
    assert any("'related': unknown intent 'no-such-topic'" in p for p in problems)
    assert any("'sources': 'Chapter 99'" in p for p in problems)
