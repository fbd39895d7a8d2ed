"""The router: lexical matcher and semantic index, weighed together by the fused classifier.

The matcher's shortcuts (a message that names an entry outright, or has no content
words) still decide first. Otherwise every candidate intent and the out-of-scope
option get a probability from the fused classifier; the likeliest wins, and its
probability is the reply's confidence.
"""

import copy
import dataclasses
from collections.abc import Iterable

import numpy as np

from evalbot.core.reply import OUT_OF_SCOPE
from evalbot.knowledge_base.loader import KnowledgeBase
from evalbot.routing.evaluation import Labelled
from evalbot.routing.fusion.features import NEGATIVE_PREFIX, Evidence, FeatureRows, feature_rows
from evalbot.routing.fusion.model import Weights, probabilities
from evalbot.routing.lexicon import asked_kinds
from evalbot.routing.matcher import Candidate, Matcher, Route
from evalbot.routing.normalise import normalise, strip_slack
from evalbot.routing.semantic.encoder import Encoder
from evalbot.routing.semantic.index import SemanticIndex
from evalbot.routing.thresholds import Thresholds
from evalbot.understanding import understand

# The semantic index's home for real out-of-scope questions from the wild set's training half.
WILD_NEGATIVES = f"{NEGATIVE_PREFIX}wild"
_CANDIDATES_SHOWN = 5


def semantic_phrasings(knowledge: KnowledgeBase, learnt: Iterable[Labelled] = ()) -> dict[str, list[str]]:
    """Per entry id, the normalised texts the semantic index embeds: its phrasings plus learnt real questions.

    A learnt question counts for every intent it was labelled with; an out-of-scope one
    joins the negatives.
    """
    phrasings = {entry.id: [normalise(text) for text in entry.examples] for entry in knowledge.entries.values()}
    phrasings[WILD_NEGATIVES] = []
    for item in learnt:
        for intent in item.intents:
            key = WILD_NEGATIVES if intent == OUT_OF_SCOPE else intent
            if key in phrasings:
                phrasings[key].append(normalise(item.text))
    return phrasings


class Router:
    """Routes normalised messages with the fused classifier; `fused=False` keeps to the lexical matcher."""

    def __init__(self, *, knowledge: KnowledgeBase, learnt: Iterable[Labelled] = (), thresholds: Thresholds | None = None,
                 weights: Weights | None = None, encoder: Encoder | None = None, fused: bool = True):
        self.matcher = Matcher(knowledge=knowledge, thresholds=thresholds)
        # A learnt question is embedded as the router will see it: its ask, typos repaired.
        learnt = [dataclasses.replace(item, text=self.read(item.text)) for item in learnt]
        self.semantic = SemanticIndex(encoder=encoder or Encoder(), phrasings=semantic_phrasings(knowledge, learnt))
        self.weights = weights or Weights.load()
        self.fused = fused

    def read(self, text: str) -> str:
        """What of a raw message gets routed: its ask (greetings dropped, a long post's question), normalised."""
        return understand(strip_slack(text), speller=self.matcher.speller).ask

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

    def rows(self, text: str) -> FeatureRows:
        """The fused classifier's feature rows for normalised `text`."""
        evidence = Evidence(
            ranked=self.matcher.rank(text),
            similarities=self.semantic.similarities(text),
            unfamiliar=self.matcher.unfamiliar(text),
            asked_kinds=frozenset(asked_kinds(text)),
        )
        return feature_rows(evidence, ids=self.semantic.ids, kinds=self.matcher.answer_kinds)

    def route(self, text: str) -> Route:
        """Decide the intent of normalised `text`, or out-of-scope."""
        if not self.fused:
            return self.matcher.route(text)
        shortcut = self.matcher.shortcut(text)
        if shortcut is not None:
            return shortcut
        rows = self.rows(text)
        chances = probabilities(rows, self.weights)
        order = np.argsort(-chances[1:], kind="stable")[:_CANDIDATES_SHOWN]
        candidates = tuple(Candidate(intent=rows.intents[i], score=round(float(chances[1 + i]), 4)) for i in order)
        if not candidates or chances[0] >= candidates[0].score:
            return Route(intent=OUT_OF_SCOPE, confidence=round(float(chances[0]), 4), candidates=candidates)
        top = candidates[0]
        close = tuple(c.intent for c in candidates[1:] if top.score - c.score <= self.thresholds.probability_margin)
        return Route(intent=top.intent, confidence=top.score, candidates=candidates, alternatives=close)
