"""Shared fixtures: one Brain for the session (loading the knowledge base takes ~0.1 s)."""

import shutil
from pathlib import Path

import pytest

from evalbot.core.brain import Brain
from evalbot.knowledge_base.locate import shipped_knowledge_dir


@pytest.fixture(scope="session")
def brain() -> Brain:
    return Brain.load()


@pytest.fixture()
def knowledge_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped knowledge folder."""
    target = tmp_path / "knowledge"
    shutil.copytree(shipped_knowledge_dir(), target)
    return target
