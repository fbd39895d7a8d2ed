"""Where the shipped knowledge folder lives: inside the wheel, or beside the package in a checkout."""

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def shipped_knowledge_dir() -> Path:
    """Return the knowledge folder that ships with evalbot.

    A wheel carries it as `evalbot/_knowledge`; a source checkout (or an editable
    install) has it at the repository root, beside `evalbot/`.
    """
    for candidate in (_PACKAGE_DIR / "_knowledge", _PACKAGE_DIR.parent / "knowledge"):
        if (candidate / "intents.yaml").is_file():
            return candidate
    raise FileNotFoundError(f"evalbot's knowledge folder is missing (looked beside {_PACKAGE_DIR})")


def shipped_dev_set() -> Path:
    """The routing development set: in the wheel, or under tests/ in a checkout."""
    for candidate in (_PACKAGE_DIR / "_devset.yaml", _PACKAGE_DIR.parent / "tests" / "routing" / "devset.yaml"):
        if candidate.is_file():
            return candidate
    return _PACKAGE_DIR.parent / "tests" / "routing" / "devset.yaml"


def shipped_wild_set() -> Path:
    """The wild set (real questions, split into a training and a test half): in the wheel, or under tests/."""
    for candidate in (_PACKAGE_DIR / "_wild.yaml", _PACKAGE_DIR.parent / "tests" / "routing" / "wild" / "wild.yaml"):
        if candidate.is_file():
            return candidate
    return _PACKAGE_DIR.parent / "tests" / "routing" / "wild" / "wild.yaml"


def shipped_near_misses() -> Path:
    """Held-out near misses (out of scope, never trained on): in the wheel, or under tests/ in a checkout."""
    for candidate in (_PACKAGE_DIR / "_near_misses.yaml", _PACKAGE_DIR.parent / "tests" / "routing" / "near-misses.yaml"):
        if candidate.is_file():
            return candidate
    return _PACKAGE_DIR.parent / "tests" / "routing" / "near-misses.yaml"
