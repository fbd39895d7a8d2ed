"""The fuzzy matcher: ranks every intent for a free-text message, with a 0..1 confidence.

Each entry of the knowledge base is represented by its example phrasings, its title
and its keywords. A message is compared with IDF-weighted cosine similarity over
canonical stems and bigrams, both to each phrasing (nearest neighbour) and to the
entry as a whole (centroid). Words the knowledge base has never seen dilute the
similarity, which is what pushes unrelated questions out of scope; the negative
cards catch near misses that share our vocabulary.
"""

import math
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from evalbot.core.reply import OUT_OF_SCOPE
from evalbot.knowledge_base.loader import KnowledgeBase
from evalbot.knowledge_base.models import CalculatorCard, Checklist, Entry, NegativeCard, Template, Topic
from evalbot.routing.features import BIGRAM, Speller, query_features, repaired_stems, stems, with_bigrams
from evalbot.routing.lexicon import CALCULATION, asked_kinds, content_words, stem
from evalbot.routing.normalise import normalise
from evalbot.routing.thresholds import Thresholds

_NEAREST_WEIGHT = 0.15
_MISSING_CUE_FACTOR = 0.55
_TOPIC_WHEN_CUED_FACTOR = 0.6
_RERANK = 5
_NEAREST_POOL = 6
_FUZZ_WEIGHT = 0.15
_UNKNOWN_WORD_WEIGHT = 0.5
_WHOLE_PHRASING_CUTOFF = 85
_NO_CONTENT_INTENT = "help"
# The kinds of answer that must be asked for (see lexicon.asked_kinds), by entry type.
ANSWER_KINDS = {Checklist: "checklist", Template: "template", CalculatorCard: CALCULATION}


@dataclass(frozen=True, kw_only=True)
class Candidate:
    intent: str
    score: float


@dataclass(frozen=True, kw_only=True)
class Route:
    """The matcher's verdict on one message."""

    intent: str
    confidence: float
    candidates: tuple[Candidate, ...]
    # Intents close enough to the chosen one to offer as "did you mean".
    alternatives: tuple[str, ...] = ()
    # The learnt head's doubt: the likeliest intent is too unlikely for a full card.
    unsure: bool = False

    @property
    def ambiguous(self) -> bool:
        return bool(self.alternatives)

    @property
    def out_of_scope(self) -> bool:
        return self.intent == OUT_OF_SCOPE


def _entry_texts(entry: Entry, examples: list[str]) -> list[str]:
    """Each (normalised) example phrasing, the title and each keyword, then the profile.

    The profile (summary and key points) is one last document: it widens the
    vocabulary an entry answers to beyond the phrasings people wrote for it.
    """
    texts = [normalise(text) for text in (entry.title, *entry.keywords)]
    texts.append(normalise(" ".join([entry.summary, *getattr(entry, "points", [])])))
    return [*examples, *texts]


def _name_owners(entries: list[Entry]) -> dict[str, set[str]]:
    """Each name (short name, title, keyword) of the in-scope entries, as stems, and the entries it names."""
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        if isinstance(entry, NegativeCard):
            continue
        for name in [entry.short_name, entry.title, *entry.keywords]:
            key = " ".join(stems(name.replace("-", " ")))
            if key:
                owners[key].add(entry.id)
    return owners


def _sorted_words(text: str) -> str:
    return " ".join(sorted(text.split()))


def _normalised(weights: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {feature: w / norm for feature, w in weights.items()}


def not_asked_for(kind: str | None, asked_for: set[str] | frozenset[str]) -> bool:
    """Whether an entry answering as `kind` (None: a topic) misfits a message asking for `asked_for` kinds.

    A checklist, template or calculation must be asked for; when a list or a draft
    is asked for, a topic is the less likely reading.
    """
    if kind is not None:
        return kind not in asked_for
    return bool(asked_for - {CALCULATION})


class Matcher:
    """Ranks knowledge-base entries for a normalised message."""

    def __init__(self, *, knowledge: KnowledgeBase, thresholds: Thresholds | None = None):
        self.thresholds = thresholds or Thresholds()
        entries = list(knowledge.entries.values())
        self._ids = [entry.id for entry in entries]
        negative = [isinstance(entry, NegativeCard) for entry in entries]
        examples_of = [[normalise(e) for e in entry.examples] for entry in entries]
        self._sorted_examples = [[_sorted_words(e) for e in examples] for examples in examples_of]
        texts_per_entry = [_entry_texts(entry, examples) for entry, examples in zip(entries, examples_of)]
        words_per_entry = [[list(content_words(text)) for text in texts] for texts in texts_per_entry]
        # Bigrams mark phrasing; the profile (last document) is prose, where they would only add bulk.
        docs_per_entry = [
            [with_bigrams([stem(w) for w in words]) for words in texts[:-1]] + [[stem(w) for w in texts[-1]]]
            for texts in words_per_entry
        ]

        entry_frequency: dict[str, int] = defaultdict(int)
        for docs in docs_per_entry:
            for feature in {f for doc in docs for f in doc}:
                entry_frequency[feature] += 1
        count = len(entries)
        self._idf = {f: math.log((count + 1) / (df + 0.5)) for f, df in entry_frequency.items()}
        self._unknown_idf = math.log((count + 1) / 0.5)

        # Per entry, an inverted index of its documents; across entries, one of their centroids.
        self._entry_postings: list[dict[str, list[tuple[int, float]]]] = []
        self._centroid_postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for entry_index, docs in enumerate(docs_per_entry):
            centroid: dict[str, float] = defaultdict(float)
            postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
            for doc_index, doc in enumerate(docs):
                for feature, weight in _normalised({f: self._idf[f] for f in set(doc)}).items():
                    postings[feature].append((doc_index, weight))
                    centroid[feature] += weight
            self._entry_postings.append(dict(postings))
            for feature, weight in _normalised(centroid).items():
                self._centroid_postings[feature].append((entry_index, weight))

        self.speller = Speller(texts=[text for texts in texts_per_entry for text in texts])
        # Stems the in-scope entries use: a message made mostly of other words is someone else's topic.
        # Only phrasings, titles and keywords count: the prose of key points is full of everyday words.
        self._domain = frozenset(
            f for docs, is_negative in zip(docs_per_entry, negative) if not is_negative
            for doc in docs[:-1] for f in doc if BIGRAM not in f
        )
        # Stems only the out-of-scope cards use: evidence that a message is someone else's topic.
        self._foreign = frozenset(
            f for docs, is_negative in zip(docs_per_entry, negative) if is_negative
            for doc in docs for f in doc if BIGRAM not in f
        ) - self._domain
        owners = _name_owners(entries)
        self._names = frozenset(owners)
        self._exact = self._exact_names(owners, entries)
        self.answer_kinds = {entry.id: ANSWER_KINDS[type(entry)] for entry in entries if type(entry) in ANSWER_KINDS}
        self._answer_kind = {index: self.answer_kinds[i] for index, i in enumerate(self._ids) if i in self.answer_kinds}
        # Whole phrasings, for messages made only of stop words ("what can you do").
        self._phrasings: dict[str, str] = {}
        for entry, examples in zip(entries, examples_of):
            for example in examples:
                self._phrasings.setdefault(example, entry.id)
        self.phrasing_texts = list(self._phrasings)

    @staticmethod
    def _exact_names(owners: dict[str, set[str]], entries: list[Entry]) -> dict[str, str]:
        """Whole-message names ("equity", "kpis") and the one entry each points at.

        A name shared by several entries belongs to the one whose id it names
        ("kpis" -> vp-kpis), the topic first; otherwise it is left to the matcher.
        """
        kinds = {entry.id: type(entry) for entry in entries}
        exact = {}
        for key, ids in owners.items():
            named = [i for i in ids if key in " ".join(stems(i.replace("-", " ")))] if len(ids) > 1 else list(ids)
            if len(named) > 1:
                # "equity" names both a topic and a checklist: a bare word asks for the advice.
                named = [i for i in named if kinds[i] is Topic]
            if len(named) == 1:
                exact[key] = named[0]
        return exact

    def scores(self, text: str) -> dict[int, float]:
        features = query_features(text, self.speller)
        if not features:
            return {}
        query = self._weighted(features)
        centroid_dot: dict[int, float] = defaultdict(float)
        for feature, weight in query.items():
            for entry_index, entry_weight in self._centroid_postings.get(feature, ()):
                centroid_dot[entry_index] += weight * entry_weight
        # The nearest phrasing only refines the ranking, so it is computed for the leaders alone.
        leaders = sorted(centroid_dot, key=centroid_dot.__getitem__, reverse=True)[:_NEAREST_POOL]
        return {
            entry: _NEAREST_WEIGHT * self._nearest(query, entry) + (1 - _NEAREST_WEIGHT) * centroid_dot[entry]
            for entry in leaders
        }

    def _weighted(self, features: list[str]) -> dict[str, float]:
        """Unit-length IDF weights of a bag of features; a feature the index never saw weighs most."""
        return _normalised({f: self._idf.get(f, self._unknown_idf) for f in set(features)})

    def similarities(self, text: str, passages: list[str]) -> list[float]:
        """How close normalised `text` is to each normalised passage (0..1), by this index's IDF weights.

        The same measure the matcher routes with, applied to passages of an answer
        (a topic's key points), so an answer can lead with the part that was asked about.
        """
        query = self._weighted(query_features(text, self.speller))
        scores = []
        for passage in passages:
            doc = self._weighted(with_bigrams(stems(passage)))
            scores.append(sum(weight * doc.get(feature, 0.0) for feature, weight in query.items()))
        return scores

    def _nearest(self, query: dict[str, float], entry_index: int) -> float:
        """Cosine similarity of the query to the entry's closest document."""
        postings = self._entry_postings[entry_index]
        dots: dict[int, float] = defaultdict(float)
        for feature, weight in query.items():
            for doc_index, doc_weight in postings.get(feature, ()):
                dots[doc_index] += weight * doc_weight
        return max(dots.values(), default=0.0)

    def unfamiliar(self, text: str) -> float:
        """How foreign the message's words are to the in-scope entries (0..1).

        A word only the out-of-scope cards use counts fully; a word nobody uses counts
        half, since it says little either way; a word the in-scope entries use counts 0.
        """
        words = repaired_stems(text, self.speller)
        if not words:
            return 1.0
        weights = (0.0 if w in self._domain else 1.0 if w in self._foreign else _UNKNOWN_WORD_WEIGHT for w in words)
        return sum(weights) / len(words)

    def rank(self, text: str, *, limit: int = 5) -> list[Candidate]:
        """The best `limit` entries for normalised `text`, best first (negatives included)."""
        scores = self.scores(text)
        asked_for = asked_kinds(text)
        for index in scores:
            kind = self._answer_kind.get(index)
            if not_asked_for(kind, asked_for):
                scores[index] *= _MISSING_CUE_FACTOR if kind is not None else _TOPIC_WHEN_CUED_FACTOR
        scored = sorted(scores.items(), key=lambda item: -item[1])[:_RERANK]
        if _FUZZ_WEIGHT:
            sorted_text = _sorted_words(text)
            scored = sorted(
                ((i, s + _FUZZ_WEIGHT * self._closest_phrasing(sorted_text, i)) for i, s in scored),
                key=lambda item: -item[1],
            )
        return [Candidate(intent=self._ids[i], score=min(1.0, s)) for i, s in scored[:limit]]

    def _closest_phrasing(self, sorted_text: str, entry_index: int) -> float:
        """rapidfuzz similarity (0..1) of the message to the entry's nearest example phrasing.

        Both sides are word-sorted in advance, so plain `fuzz.ratio` gives token-sort
        similarity without re-tokenising every phrasing on every message.
        """
        match = process.extractOne(sorted_text, self._sorted_examples[entry_index], scorer=fuzz.ratio)
        return match[1] / 100 if match else 0.0

    def named(self, text: str) -> str | None:
        """The entry that normalised `text`, taken whole, is a name of ("equity", "kpis"), if any."""
        return self._exact.get(" ".join(stems(text)))

    def is_name(self, text: str) -> bool:
        """Whether normalised `text`, taken whole, names one or more entries ("headcount", "equity")."""
        return " ".join(stems(text)) in self._names

    def shortcut(self, text: str) -> Route | None:
        """The route of a message that names an entry outright or has no content words, else None."""
        exact = self.named(text)
        if exact:
            return Route(intent=exact, confidence=1.0, candidates=(Candidate(intent=exact, score=1.0),))
        if text and not content_words(text):
            return self._route_stop_words_only(text)
        return None

    def route(self, text: str) -> Route:
        """Decide the intent of normalised `text`, or out-of-scope, on lexical evidence alone."""
        shortcut = self.shortcut(text)
        if shortcut is not None:
            return shortcut
        ranked = self.rank(text)
        positives = tuple(c for c in ranked if not c.intent.startswith("negative:"))
        if not ranked or ranked[0].intent.startswith("negative:") or self._rejects(text, ranked[0].score):
            return Route(intent=OUT_OF_SCOPE, confidence=self._oos_confidence(ranked), candidates=positives)
        top = ranked[0]
        close = tuple(c.intent for c in positives[1:] if top.score - c.score <= self.thresholds.ambiguity_margin)
        confidence = round(self.thresholds.confidence(top.score), 4)
        return Route(intent=top.intent, confidence=confidence, candidates=positives, alternatives=close)

    def _route_stop_words_only(self, text: str) -> Route:
        """A message with no content words ("what can you do", "how does this work").

        It cannot be about any topic, so it is matched as a whole against the phrasings;
        failing that, the most useful answer is help, offered with middling confidence.
        """
        match = process.extractOne(text, self.phrasing_texts, scorer=fuzz.ratio, score_cutoff=_WHOLE_PHRASING_CUTOFF)
        intent = self._phrasings[match[0]] if match else _NO_CONTENT_INTENT
        if intent.startswith("negative:"):
            return Route(intent=OUT_OF_SCOPE, confidence=match[1] / 100, candidates=())
        confidence = match[1] / 100 if match else 0.5
        return Route(intent=intent, confidence=confidence, candidates=(Candidate(intent=intent, score=confidence),))

    def _rejects(self, text: str, score: float) -> bool:
        limits = self.thresholds
        # How unfamiliar the words are takes a pass over them: only work it out where it can matter.
        unfamiliar = self.unfamiliar(text) if limits.accept <= score < limits.accept_unfamiliar else 0.0
        return limits.rejects(score, unfamiliar)

    def _oos_confidence(self, ranked: list[Candidate]) -> float:
        if not ranked:
            return 1.0
        if ranked[0].intent.startswith("negative:"):
            return max(0.5, ranked[0].score)
        return round(1.0 - ranked[0].score, 4)
