"""Semantic similarity of a message to every knowledge entry: nearest phrasing and centroid."""

from dataclasses import dataclass

import numpy as np

from evalbot.routing.semantic.encoder import Encoder


@dataclass(frozen=True, kw_only=True)
class Similarities:
    """Cosines of one message to each entry, in the index's entry order."""

    nearest: np.ndarray
    centroid: np.ndarray


class SemanticIndex:
    """Unit vectors of every phrasing, grouped by the entry it stands for.

    Args:
        encoder: the sentence encoder.
        phrasings: per entry id (in routing order), the texts that stand for it.
    """

    def __init__(self, *, encoder: Encoder, phrasings: dict[str, list[str]]):
        self.encoder = encoder
        self.ids = list(phrasings)
        texts = [text for group in phrasings.values() for text in group]
        self.texts = texts
        sizes = np.array([len(group) for group in phrasings.values()], dtype=np.int64)
        self._owner = np.repeat(np.arange(len(self.ids)), sizes)
        # Phrasings are stored entry by entry, so each entry's rows start at one offset.
        self._grouped = np.flatnonzero(sizes)
        self._starts = (np.cumsum(sizes) - sizes)[self._grouped]
        self._vectors = encoder.encode(texts) if texts else np.zeros((0, encoder.dims), dtype=np.float32)
        centroids = np.zeros((len(self.ids), encoder.dims), dtype=np.float32)
        np.add.at(centroids, self._owner, self._vectors)
        norms = np.linalg.norm(centroids, axis=1, keepdims=True)
        self._centroids = centroids / np.where(norms > 0, norms, 1.0)

    def similarities(self, text: str) -> Similarities:
        """Cosine of `text` to each entry's closest phrasing and to its centroid (-1 for an entry with none)."""
        query = self.encoder.encode([text])[0]
        cosines = self._vectors @ query
        nearest = np.full(len(self.ids), -1.0, dtype=np.float32)
        if len(cosines):
            nearest[self._grouped] = np.maximum.reduceat(cosines, self._starts)
        return Similarities(nearest=nearest, centroid=self._centroids @ query)
