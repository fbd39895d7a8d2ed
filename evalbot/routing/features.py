"""Text -> matching features: canonical stems plus adjacent-stem bigrams, with typo repair."""

from collections.abc import Collection
from functools import lru_cache

from rapidfuzz import fuzz, process

from evalbot.routing.lexicon import content_words, stem

_BIGRAM = "_"


def stems(text: str) -> list[str]:
    return [stem(word) for word in content_words(text)]


def with_bigrams(tokens: list[str]) -> list[str]:
    return tokens + [f"{a}{_BIGRAM}{b}" for a, b in zip(tokens, tokens[1:])]


class Speller:
    """Repairs typos against the index's own vocabulary ("negotation" -> "negotiat")."""

    def __init__(self, *, vocabulary: Collection[str]):
        self._vocabulary = sorted(vocabulary)
        self._known = frozenset(vocabulary)
        self.repair = lru_cache(maxsize=8192)(self._repair)

    def _repair(self, word: str) -> str:
        if word in self._known or len(word) < 5 or not word.isalpha():
            return word
        cutoff = 80 if len(word) < 8 else 75
        match = process.extractOne(word, self._vocabulary, scorer=fuzz.ratio, score_cutoff=cutoff)
        return match[0] if match else word


def query_features(text: str, speller: Speller) -> list[str]:
    """Features of a user's normalised message; words are stemmed, then repaired."""
    repaired = []
    for word in content_words(text):
        token = stem(word)
        if token not in speller._known:
            token = stem(speller.repair(word)) if speller.repair(word) != word else speller.repair(token)
        repaired.append(token)
    return with_bigrams(repaired)
