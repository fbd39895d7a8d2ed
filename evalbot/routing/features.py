"""Text -> matching features: canonical stems plus adjacent-stem bigrams, with typo repair."""

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA, Indel

from evalbot.routing.lexicon import content_words, lexicon_words, stem, surface_words

BIGRAM = "_"  # joins the two stems of a bigram feature; no stem contains it
# Shorter words are left alone: at three letters almost every edit lands on another real word.
_MIN_REPAIR_LENGTH = 4
# Words this long may be two edits from the word meant, or one changed letter; shorter ones one
# dropped, added or swapped letter, since changing a letter of a short word mostly makes another
# real word ("vast" -> "vest", "test" -> "text").
_LONG_WORD = 8
_LONG_WORD_SIMILARITY = 0.85
# A word is repaired only onto a word the knowledge base uses often ("bord" -> "board"), the
# more often the shorter it is: English words sit one letter from many rarer ones ("cats" ->
# "chats", "seen" -> "seven"). Measured on the 20,000 most frequent English words (a frequency
# list used for the measurement only, not shipped), the floor of 5 uses for longer words cut the
# words altered from 537 to 173; refusing an added letter in short words (see _plausible_typo)
# cut them to 58 (1 of the top 1,000: "though" -> "through"), and every typo in our tests is
# still repaired.
_TARGET_USES = {4: 50, 5: 10}
_MIN_TARGET_USES = 5
_WORD = re.compile(r"[a-z]+")
# Endings of an inflected word whose base the stemmer keeps whole because it is short ("paying", "hoped").
_INFLECTIONS = ("s", "es", "ed", "ing", "er", "ers")


def stems(text: str) -> list[str]:
    return [stem(word) for word in content_words(text)]


def with_bigrams(tokens: list[str]) -> list[str]:
    return tokens + [f"{a}{BIGRAM}{b}" for a, b in zip(tokens, tokens[1:])]


class Speller:
    """Repairs typos against the knowledge base's own words ("negotation" -> "negotiation", "equty" -> "equity").

    Words are repaired as typed, before the lexicon folds synonyms, so a repair lands on
    a spelling the lexicon knows ("negotiation" -> negotiate). Repairs are strict because
    turning a real word into a domain word ("vast" -> "vest") is worse than leaving a typo:
    a word the index knows, or an inflection of one ("reviewing" beside "review"), is never
    touched; a repair keeps the first letter, and is one edit away (two for long words).
    Among equally close words, the one the knowledge base uses most wins.
    """

    def __init__(self, *, texts: Iterable[str]):
        counts = Counter(word for text in texts for word in surface_words(text))
        counts.update(lexicon_words())
        self._counts = counts
        self._known_stems = frozenset(stem(word) for word in counts)
        self._by_initial: dict[str, list[str]] = {}
        for word in sorted(w for w in counts if len(w) >= _MIN_REPAIR_LENGTH and w.isalpha()):
            self._by_initial.setdefault(word[0], []).append(word)
        self.repair = lru_cache(maxsize=8192)(self._repair)

    def __getstate__(self) -> dict:
        # The per-instance cache is a function wrapper: rebuilt rather than pickled.
        return {key: value for key, value in self.__dict__.items() if key != "repair"}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self.repair = lru_cache(maxsize=8192)(self._repair)

    def knows(self, word: str) -> bool:
        """Whether `word`, or a word it inflects ("paying" beside "pay"), occurs in the knowledge base or the lexicon."""
        if word in self._counts or stem(word) in self._known_stems:
            return True
        return any(word.endswith(ending) and (word[: -len(ending)] in self._counts or word[: -len(ending)] + "e" in self._counts)
                   for ending in _INFLECTIONS)

    def _repair(self, word: str) -> str:
        if len(word) < _MIN_REPAIR_LENGTH or not word.isalpha() or self.knows(word):
            return word
        edits = 2 if len(word) >= _LONG_WORD else 1
        close = [(candidate, distance) for candidate, distance, _ in process.extract(
            word, self._by_initial.get(word[0], ()), scorer=OSA.distance, score_cutoff=edits, limit=None)
            if _plausible_typo(word, candidate)
            and self._counts[candidate] >= _TARGET_USES.get(len(word), _MIN_TARGET_USES)]
        if not close:
            return word
        return min(close, key=lambda match: (match[1], -self._counts[match[0]], match[0]))[0]

    def repair_text(self, text: str) -> str:
        """Normalised `text` with each unknown word repaired; spacing and known words kept as they are."""
        return _WORD.sub(lambda match: self.repair(match.group()), text)


def _plausible_typo(word: str, candidate: str) -> bool:
    """Whether `word` is a likely mistyping of `candidate`, which is at most two edits away.

    A short word may have lost a letter, swapped two or doubled one ("budgett"), but not gained
    another: a word one letter longer than a domain word is mostly another English word
    ("plant", "cause", "trick").
    """
    if len(word) >= _LONG_WORD:
        return len(word) - len(candidate) <= 1 and Indel.normalized_similarity(word, candidate) >= _LONG_WORD_SIMILARITY
    if len(candidate) < len(word):
        return any(word[i] == word[i - 1] and word[:i] + word[i + 1:] == candidate for i in range(1, len(word)))
    return Indel.distance(word, candidate) <= 1 or sorted(word) == sorted(candidate)


def repaired_stems(text: str, speller: Speller) -> list[str]:
    """The stems of a user's normalised message, each word's typo repaired first."""
    return stems(speller.repair_text(text))


def query_features(text: str, speller: Speller) -> list[str]:
    """Features of a user's normalised message: words repaired, then stemmed, plus bigrams."""
    return with_bigrams(repaired_stems(text, speller))
