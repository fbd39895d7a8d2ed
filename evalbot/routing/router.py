"""The router: the lexical matcher's shortcuts, then a learnt head over a contextual sentence encoder.

A message that names an entry outright, or has no content words, is decided by the
matcher as before. Anything else is embedded by all-MiniLM-L6-v2 (int8 ONNX), the whole
message and its ask each, and the intent head gives every intent and out-of-scope a
probability. The likeliest wins and its probability is the reply's confidence; below
the head's doubt threshold the route is marked unsure, so the reply offers choices.
"""

import copy
import threading
from functools import cached_property

import numpy as np

from evalbot.core.reply import OUT_OF_SCOPE
from evalbot.knowledge_base.loader import KnowledgeBase
from evalbot.routing.encoder import Encoder
from evalbot.routing.head import IntentHead
from evalbot.routing.lexicon import asked_kinds
from evalbot.routing.matcher import Candidate, Matcher, Route, not_asked_for
from evalbot.routing.normalise import normalise
from evalbot.routing.thresholds import Thresholds

CANDIDATES_SHOWN = 5
# The lexical matcher's evidence, added to the head's logits: LEXICAL_WEIGHT times each class's
# matcher score (0..1), and LEXICAL_OUT_OF_SCOPE to out of scope when the matcher alone would turn
# the message away. Cross-validated on the real training questions (balanced accuracy, weights
# 0/2/4/8 x 0/1/2): 2 and 1 gave 72.0% in scope and 94.2% out-of-scope recall against 72.0% and
# 92.0% without, with fewer confidently wrong cards (5.3% against 6.2%).
LEXICAL_WEIGHT = 2.0
LEXICAL_OUT_OF_SCOPE = 1.0
LEXICAL_CANDIDATES = 10
# A checklist, template or calculation that was not asked for (no list, draft or figures wanted), or a
# topic when a list or draft was, keeps this share of its probability. Cross-validated on the real
# training questions, 1.0 / 0.5 / 0.3 / 0.15 gave the same balanced accuracy within 0.6 points, and
# 0.5 the fewest confidently wrong cards (6.2% against 8.1%); cards written as topics stay topics.
NOT_ASKED_FOR = 0.5


def kind_factors(ask: str, classes: tuple[str, ...], answer_kinds: dict[str, str]) -> np.ndarray:
    """Per class, NOT_ASKED_FOR where its kind of answer misfits what `ask` asks for, else 1."""
    asked = asked_kinds(ask)
    return np.array([1.0 if name == OUT_OF_SCOPE or not not_asked_for(answer_kinds.get(name), asked) else NOT_ASKED_FOR
                     for name in classes], dtype=np.float32)


def family_matrix(classes: tuple[str, ...], knowledge: KnowledgeBase) -> np.ndarray:
    """classes x classes: 1 where two entries answer from the same guide section in different forms.

    A topic and the checklist or template drawn from its section (equity-negotiation and
    checklist:equity) both answer a question about that section: when they split the
    probability between them, the reply is not in doubt about the subject. Every class
    is its own family.
    """
    family = np.eye(len(classes), dtype=np.float32)
    entries = [knowledge.get(name) for name in classes]
    for i, a in enumerate(entries):
        for j, b in enumerate(entries):
            if a is not None and b is not None and i != j and type(a) is not type(b) \
                    and set(a.sources) & set(b.sources):
                family[i, j] = 1.0
    return family


def lexical_evidence(matcher: Matcher, ask: str, classes: tuple[str, ...]) -> np.ndarray:
    """Per class, what the lexical matcher adds to the head's logit for normalised `ask`."""
    index = {name: i for i, name in enumerate(classes)}
    evidence = np.zeros(len(classes), dtype=np.float32)
    for candidate in matcher.rank(ask, limit=LEXICAL_CANDIDATES):
        if candidate.intent in index:
            evidence[index[candidate.intent]] = LEXICAL_WEIGHT * candidate.score
    if OUT_OF_SCOPE in index and matcher.route(ask).out_of_scope:
        evidence[index[OUT_OF_SCOPE]] += LEXICAL_OUT_OF_SCOPE
    return evidence


def message_vector(encoder: Encoder, *, ask: str, whole: str) -> np.ndarray:
    """The head's input: the mean of the whole message's vector and its ask's, made unit length.

    A long post's story says who is asking and the ask says what they want; the encoder
    reads at most 256 word pieces, so a long post's ask (often last) is read on its own too.
    Both are normalised and typo-repaired: cross-validated on the real training questions,
    that beat the raw text by 1.4 points of balanced accuracy.
    """
    texts = [whole] if not ask or ask == whole else [whole, ask]
    vectors = encoder.encode(texts)
    mean = vectors.sum(axis=0)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm > 0 else mean


class Router:
    """Routes messages with the intent head; `fused=False` keeps to the lexical matcher.

    Args:
        knowledge: the entries to route to; the head's classes outside it are never chosen.
        thresholds: the lexical matcher's thresholds.
        head: the learnt head (the shipped one by default).
        encoder: the sentence encoder (the shipped one by default).
        fused: False decides on the lexical matcher alone (the side-by-side baseline).
    """

    def __init__(self, *, knowledge: KnowledgeBase, thresholds: Thresholds | None = None,
                 head: IntentHead | None = None, encoder: Encoder | None = None, fused: bool = True):
        self.matcher = Matcher(knowledge=knowledge, thresholds=thresholds)
        self._encoder = encoder
        self._passages: dict[str, np.ndarray] = {}
        shipped = head or IntentHead.load()
        # Entries the head never saw (an overlay's) become prototype classes on first use, not here:
        # the server's master process builds the router and must not run the encoder before it forks.
        self._new_entries = {entry.id: tuple(entry.examples) for entry in knowledge.routable()
                             if entry.id not in shipped.classes and entry.examples}
        self._head = None if self._new_entries else shipped
        self._shipped = shipped
        self._lock = threading.Lock()
        self.fused = fused
        classes = (*shipped.classes, *self._new_entries)
        self.families = family_matrix(classes, knowledge)
        known = {entry.id for entry in knowledge.routable()} | {OUT_OF_SCOPE}
        self._usable = np.array([name in known for name in classes])

    @property
    def head(self) -> IntentHead:
        """The shipped head, with a prototype class for each routable entry it was not trained on."""
        with self._lock:
            if self._head is None:
                prototypes = {name: self.encoder.encode([normalise(text) for text in examples]).mean(axis=0)
                              for name, examples in self._new_entries.items()}
                self._head = self._shipped.extended(prototypes)
            return self._head

    def meaning_similarities(self, text: str, passages: list[str]) -> list[float]:
        """Cosine of normalised `text` to each normalised passage (a topic's summary and points).

        A passage's vector is computed once per router and kept: a topic's points are few
        and fixed, and encoding them again would cost a few milliseconds each answer.
        """
        query = self.encoder.encode([text])[0]
        missing = [passage for passage in passages if passage not in self._passages]
        if missing:
            self._passages.update(zip(missing, self.encoder.encode(missing)))
        return [float(self._passages[passage] @ query) for passage in passages]

    @cached_property
    def encoder(self) -> Encoder:
        return self._encoder or Encoder()

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop("encoder", None)  # the session is rebuilt on first use, never pickled
        state.pop("_lock")
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def lexical_only(self) -> "Router":
        """A copy of this router that decides on the lexical matcher alone (for side-by-side evaluation)."""
        twin = copy.copy(self)
        twin.fused = False
        return twin

    @property
    def thresholds(self) -> Thresholds:
        return self.matcher.thresholds

    def chances(self, *, ask: str, whole: str) -> dict[str, float]:
        """Every usable class's probability for a message (its normalised ask and its whole text)."""
        logits = self.head.logits(message_vector(self.encoder, ask=ask, whole=whole or ask))
        logits = logits + np.log(kind_factors(ask, self.head.classes, self.matcher.answer_kinds))
        logits = logits + lexical_evidence(self.matcher, ask, self.head.classes)
        probabilities = self.head.finish(np.where(self._usable, logits, -np.inf))
        return {name: float(p) for name, p in zip(self.head.classes, probabilities) if p > 0}

    def route(self, ask: str, *, whole: str = "") -> Route:
        """Decide the intent of a message, or out-of-scope.

        Args:
            ask: the normalised ask (what `understand` found).
            whole: the whole message, normalised and typo-repaired (a long post's context); the ask when empty.
        """
        if not self.fused:
            return self.matcher.route(ask)
        # A long post's ask may be only "what should I do?": the story decides, not the ask's stop words.
        shortcut = self.matcher.shortcut(ask) if not whole or whole == ask else None
        if shortcut is not None:
            return shortcut
        chances = self.chances(ask=ask, whole=whole)
        family_share = dict(zip(self.head.classes, np.array([chances.get(n, 0.0) for n in self.head.classes]) @ self.families))
        out_of_scope = chances.pop(OUT_OF_SCOPE, 0.0)
        ranked = sorted(chances.items(), key=lambda item: -item[1])[:CANDIDATES_SHOWN]
        candidates = tuple(Candidate(intent=name, score=round(p, 4)) for name, p in ranked)
        if not candidates or out_of_scope >= candidates[0].score:
            return Route(intent=OUT_OF_SCOPE, confidence=round(out_of_scope, 4), candidates=candidates)
        top = candidates[0]
        # Doubt is about the subject: a topic and its own checklist splitting the probability are not in doubt.
        unsure = family_share[top.intent] < self.head.unsure_below
        close = tuple(c.intent for c in candidates[1:] if top.score - c.score <= self.thresholds.probability_margin)
        return Route(intent=top.intent, confidence=top.score, candidates=candidates, alternatives=close, unsure=unsure)
