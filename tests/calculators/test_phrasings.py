"""Natural phrasings of the calculators (tests/calculators/phrasings.yaml), read end to end."""

from pathlib import Path

import pytest
import yaml

from evalbot.calculators import CALCULATORS, read_inputs
from evalbot.core.reply import ReplyKind

PHRASINGS = yaml.safe_load((Path(__file__).parent / "phrasings.yaml").read_text(encoding="utf-8"))


def test_there_are_at_least_100_phrasings_of_every_calculator_together():
    """The set is large and covers every calculator."""
    assert len(PHRASINGS) >= 100
    assert {item["calculator"] for item in PHRASINGS} == set(CALCULATORS)
    assert len({item["text"] for item in PHRASINGS}) == len(PHRASINGS)


@pytest.mark.parametrize("item", PHRASINGS, ids=[item["text"][:60] for item in PHRASINGS])
def test_phrasing_is_read_and_computed(brain, item):
    """The sentence is answered by its calculator, with exactly the stated inputs and the expected result."""
    calculator = CALCULATORS[item["calculator"]]
    reply = brain.answer(item["text"])
    assert (reply.intent, reply.kind) == (item["calculator"], ReplyKind.CALCULATOR)
    expected = read_inputs(calculator, {name: str(value) for name, value in item["inputs"].items()})
    assert read_inputs(calculator, reply.calculation.known) == expected
    facts = {fact.label: fact.value for fact in reply.facts}
    assert {label: facts.get(label) for label in item["result"]} == item["result"]
    not_used = next((s.text for s in reply.sections if s.heading == "Not used"), "")
    assert all(figure in not_used for figure in item.get("unused", []))
    if not item.get("unused"):
        assert "I didn't use" not in not_used
