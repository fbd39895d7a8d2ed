"""Fixtures for the feedback tests: a migrated SQLite state store and a clock the test moves."""

import pytest

from evalbot.store import open_store


class Clock:
    def __init__(self, now: float = 1_795_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture()
def store(tmp_path):
    opened = open_store(data_dir=tmp_path / "var")
    yield opened
    opened.close()


@pytest.fixture()
def clock() -> Clock:
    return Clock()
