"""Typo-tolerant lookup of a template or checklist by the name a user typed."""

import re

from rapidfuzz import fuzz, process

from evalbot.knowledge_base.models import Entry

_FILLER = re.compile(r"\b(a|an|the|for|my|me|of|to|please|pls|template|checklist|draft)\b")
_MIN_SCORE = 72


def _plain(text: str) -> str:
    text = re.sub(r"[^a-z0-9 ]+", " ", text.lower().replace("-", " "))
    return " ".join(_FILLER.sub(" ", text).split())


def resolve_name(typed: str, entries: list[Entry]) -> Entry | None:
    """Return the entry whose short id or title best matches `typed`, if any is close.

    `bord-pitch`, `board pitch` and `the board pitch` all find `template:board-pitch`.
    """
    wanted = _plain(typed)
    if not wanted:
        return None
    choices: dict[str, Entry] = {}
    for entry in entries:
        choices[_plain(entry.short_name)] = entry
        choices.setdefault(_plain(entry.title), entry)
    match = process.extractOne(wanted, list(choices), scorer=fuzz.WRatio, score_cutoff=_MIN_SCORE)
    return choices[match[0]] if match else None
