"""Picking one of the choices the last answer offered: "the first one", "that template", "the equity one"."""

import re

from rapidfuzz import fuzz

from evalbot.knowledge_base.loader import KnowledgeBase
from evalbot.knowledge_base.models import Entry

_ORDINALS = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3, "4th": 3,
             "fifth": 4, "5th": 4, "last": -1}
_KINDS = {"topic": "topic", "advice": "topic", "checklist": "checklist", "list": "checklist",
          "template": "template", "draft": "template", "email": "template", "calculator": "calculator",
          "calculation": "calculator", "calc": "calculator"}
_REFERENCE = re.compile(
    r"^(?:(?:ok|okay|yes|yeah|sure|and|then|so)\s+)*"
    r"(?:(?:show|give|open|send|tell)\s+(?:me\s+)?(?:about\s+)?|(?:let'?s|lets)\s+(?:see|do|try|go with)\s+|"
    r"(?:i'?ll|i will|i'd like)\s+(?:take|go with|have|see)\s+|(?:go with|pick|choose|select)\s+)?"
    r"(?:(?:the|that|this)\s+(?P<what>.+?)(?:\s+(?:one|option|choice|please))*|"
    r"(?:number|option|no|choice)\s+(?P<number>\d))$"
)
_FILLER = frozenset({"one", "ones", "about", "on", "for", "with", "of", "the", "a", "an", "to"})
# A label word must match this well (rapidfuzz ratio) to count, so "equty" still finds equity.
_WORD_MATCH = 85


def referenced(text: str, *, offered: list[str], current: str, knowledge: KnowledgeBase) -> Entry | None:
    """The entry `text` refers to among the `offered` intents (or the `current` one), if it clearly refers to one.

    Args:
        text: the normalised message.
        offered: the intents the last answer offered, in the order shown.
        current: the intent of the last answer ("that template" may mean the one just shown).
    """
    match = _REFERENCE.match(text)
    if match is None:
        return None
    entries = [e for e in (knowledge.get(i) for i in offered) if e is not None]
    if match.group("number"):
        return _nth(entries, int(match.group("number")) - 1)
    words = [w for w in match.group("what").split() if w not in _FILLER]
    kind = next((_KINDS[w] for w in words if w in _KINDS), None)
    pool = [e for e in entries if kind is None or getattr(e, "kind", None) == kind]
    ordinal = next((_ORDINALS[w] for w in words if w in _ORDINALS), None)
    rest = [w for w in words if w not in _KINDS and w not in _ORDINALS]
    if ordinal is not None and not rest:
        return _nth(pool, ordinal)
    if not rest:  # "that template": the one offered, or the one just shown
        shown = knowledge.get(current)
        return pool[0] if pool else (shown if kind and getattr(shown, "kind", None) == kind else None)
    named = [e for e in pool if all(_names(word, e) for word in rest)]
    if ordinal is not None:
        return _nth(named, ordinal)
    return named[0] if named else None


def _nth(entries: list[Entry], index: int) -> Entry | None:
    return entries[index] if -len(entries) <= index < len(entries) else None


def _names(word: str, entry: Entry) -> bool:
    """Whether `word` is (close to) a word of the entry's title, id or keywords."""
    vocabulary = set(re.findall(r"[a-z0-9]+", " ".join([entry.title, entry.id, *entry.keywords]).lower()))
    return word in vocabulary or any(fuzz.ratio(word, known) >= _WORD_MATCH for known in vocabulary if len(known) > 3)
