"""The router: the lexical matcher's shortcuts, then a learnt head over a contextual sentence encoder.

A message that names an entry outright, or has no content words, is decided by the
matcher as before. Anything else is embedded by all-MiniLM-L6-v2 (int8 ONNX), the whole
message and its ask each, and the intent head gives every intent and out-of-scope a
probability. The likeliest wins and its probability is the reply's confidence; below
the head's doubt threshold the route is marked unsure, so the reply offers choices.
"""

import copy
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
        self.head = self._with_new_entries(head or IntentHead.load(), knowledge)
        self.fused = fused
        known = {entry.id for entry in knowledge.routable()} | {OUT_OF_SCOPE}
        self._usable = np.array([name in known for name in self.head.classes])

    def _with_new_entries(self, head: IntentHead, knowledge: KnowledgeBase) -> IntentHead:
        """The head, with a prototype class for each routable entry it was not trained on (an overlay's)."""
        new = [entry for entry in knowledge.routable() if entry.id not in head.classes and entry.examples]
        prototypes = {entry.id: self.encoder.encode([normalise(text) for text in entry.examples]).mean(axis=0)
                      for entry in new}
        return head.extended(prototypes)

    @cached_property
    def encoder(self) -> Encoder:
        return self._encoder or Encoder()

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop("encoder", None)  # the session is rebuilt on first use, never pickled
        return state

    def lexical_only(self) -> "Router":
        """A copy of this router that decides on the lexical matcher alone (for side-by-side evaluation)."""
        twin = copy.copy(self)
        twin.fused = False
        return twin

    @property
    def thresholds(self) -> Thresholds:
        return self.matcher.thresholds

    def rank(self, text: str, *, limit: int = 5) -> list[Candidate]:
        return self.matcher.rank(text, limit=limit)

    def chances(self, *, ask: str, whole: str) -> dict[str, float]:
        """Every usable class's probability for a message (its normalised ask and its whole text)."""
        probabilities = self.head.probabilities(message_vector(self.encoder, ask=ask, whole=whole or ask))
        probabilities = np.where(self._usable, probabilities, 0.0) * kind_factors(ask, self.head.classes, self.matcher.answer_kinds)
        probabilities = probabilities / max(float(probabilities.sum()), 1e-12)
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
        out_of_scope = chances.pop(OUT_OF_SCOPE, 0.0)
        ranked = sorted(chances.items(), key=lambda item: -item[1])[:CANDIDATES_SHOWN]
        candidates = tuple(Candidate(intent=name, score=round(p, 4)) for name, p in ranked)
        if not candidates or out_of_scope >= candidates[0].score:
            return Route(intent=OUT_OF_SCOPE, confidence=round(out_of_scope, 4), candidates=candidates)
        top = candidates[0]
        unsure = top.score < self.head.unsure_below
        close = tuple(c.intent for c in candidates[1:] if top.score - c.score <= self.thresholds.probability_margin)
        return Route(intent=top.intent, confidence=top.score, candidates=candidates, alternatives=close, unsure=unsure)
