"""Templates for drafting tests: the shipped ones, and a way to make small ad-hoc ones."""

import pytest

from evalbot.knowledge_base.loader import load_knowledge
from evalbot.knowledge_base.models import Template


@pytest.fixture(scope="session")
def templates() -> dict[str, Template]:
    return {t.id: t for t in load_knowledge().templates}


@pytest.fixture()
def make_template():
    def _make(body: str, *, fields=None, calculator=None) -> Template:
        return Template(
            id="template:probe", title="Probe template", sources=["The Pitch"], summary="A template made for a test.",
            fields=fields or [{"name": "risk", "label": "the risk", "type": "text", "example": "a slip"}],
            # The schema wants a body of 20+ characters; the tail keeps short test bodies valid.
            calculator=calculator, body=body + "\n(end of the probe template)", examples=["a", "b", "c", "d", "e", "f"],
        )

    return _make
