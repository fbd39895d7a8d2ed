"""The calculator cards, checklists and templates: complete, cited, and in our own words."""

import re
from pathlib import Path

import pytest
import yaml

from evalbot.calculators import CALCULATORS, missing_inputs, read_inputs
from evalbot.inputs.pairs import split_pairs
from evalbot.knowledge_base.integrity import guide_sections
from evalbot.knowledge_base.loader import load_knowledge
from evalbot.knowledge_base.locate import shipped_knowledge_dir

KB = load_knowledge()
SECTIONS = guide_sections(shipped_knowledge_dir())
SPEC = yaml.safe_load((shipped_knowledge_dir() / "intents.yaml").read_text())
GUIDE = Path("/work/shared/guide/executive-track-guide.txt")
RUN = 7  # words in a row shared with the guide that count as copying


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9$%.]+", text.lower())


@pytest.mark.parametrize("group", ["calculators", "checklists", "templates"])
def test_every_spec_entry_exists(group):
    """All 4 calculators, 8 checklists and 8 templates of the spec are in the knowledge base."""
    assert all(KB.get(item["id"]) is not None for item in SPEC[group])


@pytest.mark.parametrize("card", KB.calculators, ids=lambda c: c.id)
def test_calculator_cards(card):
    """Each card has a registry calculator, 12+ phrasings, and a usage line that runs."""
    calculator = CALCULATORS[card.id]
    assert len(card.examples) >= 12 and len(set(card.examples)) == len(card.examples)
    assert card.usage == calculator.example
    assert not missing_inputs(calculator, read_inputs(calculator, split_pairs(card.usage.split(maxsplit=1)[1]).pairs))


@pytest.mark.parametrize("checklist", KB.checklists, ids=lambda c: c.id)
def test_checklists_cite_the_guide_per_item(checklist):
    """Every item cites an exact guide heading, listed among the checklist's sources; 10+ phrasings."""
    assert len(checklist.examples) >= 10
    for item in checklist.items:
        assert item.source in SECTIONS and item.source in checklist.sources, item.do


@pytest.mark.parametrize("template", KB.templates, ids=lambda t: t.id)
def test_templates_declare_fields_with_examples(template):
    """Every template declares labelled fields with examples, and has 8+ phrasings."""
    assert len(template.examples) >= 8
    assert all(f.label and f.example for f in template.fields)


@pytest.mark.skipif(not GUIDE.is_file(), reason="the guide is not beside this checkout")
@pytest.mark.parametrize("entry", [*KB.checklists, *KB.templates, *KB.calculators], ids=lambda e: e.id)
def test_written_in_our_own_words(entry):
    """No summary, item or template body repeats 7+ consecutive words of the guide (figures may carry over)."""
    words = _words(GUIDE.read_text())
    guide_runs = {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}
    texts = [entry.summary, getattr(entry, "body", ""), *(i.do for i in getattr(entry, "items", []))]
    for text in texts:
        mine = _words(text)
        copied = [" ".join(mine[i : i + RUN]) for i in range(len(mine) - RUN + 1) if tuple(mine[i : i + RUN]) in guide_runs]
        assert not copied, copied
