"""Group questions that ask the same thing, so the report shows one line per gap with its count."""

from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from evalbot.routing.features import stems
from evalbot.routing.normalise import normalise

# Two questions are one gap when their content-word stems overlap this much (rapidfuzz 0-100).
SAME_GAP = 75


@dataclass
class Group:
    """Questions judged alike: the first is the representative, counts include repeats."""

    key: str
    texts: list[str] = field(default_factory=list)
    nearest: Counter = field(default_factory=Counter)

    @property
    def count(self) -> int:
        return len(self.texts)

    def phrasings(self, limit: int = 10) -> list[str]:
        """Distinct phrasings, most frequent first."""
        return [text for text, _ in Counter(self.texts).most_common(limit)]


def _key(text: str) -> str:
    return " ".join(sorted(set(stems(normalise(text))))) or normalise(text)


def group_questions(rows: list[tuple[str, list[str]]]) -> list[Group]:
    """Greedy grouping of (text, nearest intents) rows, largest group first (ties: first asked first)."""
    groups: list[Group] = []
    for text, nearest in rows:
        key = _key(text)
        best = max(groups, key=lambda g: fuzz.token_set_ratio(key, g.key), default=None)
        if best is None or fuzz.token_set_ratio(key, best.key) < SAME_GAP or (not key) != (not best.key):
            best = Group(key=key)
            groups.append(best)
        best.texts.append(text)
        best.nearest.update(nearest)
    return sorted(groups, key=lambda g: -g.count)
