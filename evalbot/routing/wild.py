"""The wild set's halves: real questions whose training half may teach the router and whose test half only measures it."""

from pathlib import Path

from evalbot.knowledge_base.locate import shipped_wild_set
from evalbot.routing.evaluation import Labelled, load_labelled

TRAIN, TEST = "train", "test"


def half(split: str, path: Path | None = None) -> list[Labelled]:
    """The items of one half (`train` or `test`); none when the set is not there (an install without it)."""
    path = path or shipped_wild_set()
    if not path.is_file():
        return []
    return [item for item in load_labelled(path) if item.split == split]


def training_half(path: Path | None = None) -> list[Labelled]:
    """The only wild questions the router may learn from."""
    return half(TRAIN, path)
