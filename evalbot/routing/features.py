"""Text -> matching features: canonical stems plus adjacent-stem bigrams, with typo repair."""

from collections.abc import Collection
from functools import lru_cache

from rapidfuzz import fuzz, process

from evalbot.routing.lexicon import content_words, stem

BIGRAM = "_"  # joins the two stems of a bigram feature; no stem contains it


def stems(text: str) -> list[str]:
    return [stem(word) for word in content_words(text)]


def with_bigrams(tokens: list[str]) -> list[str]:
    return tokens + [f"{a}{BIGRAM}{b}" for a, b in zip(tokens, tokens[1:])]


class Speller:
    """Repairs typos against the index's own words ("negotation" -> "negotiation").

    Repairs are deliberately strict (long words, same first letter, high similarity),
    because turning a real word into a domain word ("bunch" -> "lunch") is worse than
    leaving a typo alone.
    """

    def __init__(self, *, words: Collection[str]):
        self._by_initial: dict[str, list[str]] = {}
        for word in sorted(w for w in words if len(w) >= 5 and w.isalpha()):
            self._by_initial.setdefault(word[0], []).append(word)
        self._known = frozenset(words)
        self.repair = lru_cache(maxsize=8192)(self._repair)

    def __getstate__(self) -> dict:
        # The per-instance cache is a function wrapper: rebuilt rather than pickled.
        return {key: value for key, value in self.__dict__.items() if key != "repair"}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self.repair = lru_cache(maxsize=8192)(self._repair)

    def _repair(self, word: str) -> str:
        if word in self._known or len(word) < 6 or not word.isalpha():
            return word
        match = process.extractOne(word, self._by_initial.get(word[0], ()), scorer=fuzz.ratio, score_cutoff=85)
        return match[0] if match else word


def repaired_stems(text: str, speller: Speller) -> list[str]:
    """The stems of a user's normalised message, each word's typo repaired first."""
    return [stem(speller.repair(word)) for word in content_words(text)]


def query_features(text: str, speller: Speller) -> list[str]:
    """Features of a user's normalised message: words repaired, then stemmed, plus bigrams."""
    return with_bigrams(repaired_stems(text, speller))
