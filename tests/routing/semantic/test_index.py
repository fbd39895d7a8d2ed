"""The semantic index: each entry's closest phrasing and centroid, by cosine."""

import numpy as np
import pytest

from evalbot.routing.semantic.encoder import Encoder
from evalbot.routing.semantic.index import SemanticIndex


@pytest.fixture(scope="module")
def index() -> SemanticIndex:
    return SemanticIndex(encoder=Encoder(), phrasings={
        "pay": ["what salary should a vp get", "negotiate my compensation package"],
        "empty": [],
        "weather": ["will it rain tomorrow"],
    })


def test_nearest_phrasing_wins(index):
    """A paraphrase is closest to the entry whose phrasing it restates."""
    similarities = index.similarities("how much money should I ask for")
    assert index.ids[int(np.argmax(similarities.nearest))] == "pay"
    assert similarities.nearest[0] >= similarities.centroid[0] - 1e-6  # the best phrasing beats the average


def test_entry_without_phrasings_is_never_near(index):
    """An entry with nothing to embed scores -1, below every real cosine."""
    similarities = index.similarities("will it snow")
    assert similarities.nearest[index.ids.index("empty")] == -1.0
    assert similarities.centroid[index.ids.index("empty")] == 0.0


def test_index_keeps_the_texts_it_embedded(index):
    """The embedded texts are inspectable (the wild-set firewall test reads them)."""
    assert index.texts == ["what salary should a vp get", "negotiate my compensation package", "will it rain tomorrow"]
