"""The shipped sentence encoder: offline, numpy and tokenizers only, unit vectors that put meaning close."""

import pickle
import sys

import numpy as np
import pytest

from evalbot.routing.semantic.encoder import MAX_PIECES, MODEL_DIR, Encoder


@pytest.fixture(scope="module")
def encoder() -> Encoder:
    return Encoder()


def test_the_model_ships_with_its_licence_and_is_small():
    """The artifact is in the package, under 10 MB, with the source model's licence beside it."""
    files = {path.name: path.stat().st_size for path in MODEL_DIR.iterdir()}
    assert {"vectors.npy", "scales.npy", "tokenizer.json", "LICENSE", "README.md"} <= set(files)
    assert sum(files.values()) < 10 * 1024 * 1024
    assert "Apache License" in (MODEL_DIR / "LICENSE").read_text(encoding="utf-8")


def test_rows_are_unit_vectors(encoder):
    """Each text becomes one float32 row of length 1."""
    rows = encoder.encode(["how do I pitch the eval budget to the board?", "equity"])
    assert rows.shape == (2, encoder.dims) and rows.dtype == np.float32
    assert np.allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-5)


def test_meaning_is_closer_than_unrelated_words(encoder):
    """A paraphrase with no shared content word is nearer than an unrelated question."""
    question, paraphrase, unrelated = encoder.encode([
        "how do I get my manager to approve more money for testing",
        "convincing leadership to fund the quality budget",
        "what time is the office party on friday",
    ])
    assert question @ paraphrase > question @ unrelated + 0.1


@pytest.mark.parametrize("text", ["", "   ", "\u2603\u2603"])
def test_text_without_known_pieces_is_a_zero_row(encoder, text):
    """Empty text, or text of only unknown pieces, embeds as zeros instead of failing."""
    row = encoder.encode([text])[0]
    assert not row.any()


def test_long_text_is_cut_like_the_source_model(encoder):
    """A very long message uses at most MAX_PIECES word pieces and still gives a unit vector."""
    long_text = "board budget " * 2000
    assert len(encoder.pieces(long_text)) == MAX_PIECES
    assert np.isclose(np.linalg.norm(encoder.encode([long_text])[0]), 1.0, atol=1e-5)


def test_pickled_encoder_reloads_the_model_and_encodes_the_same(encoder):
    """The brain cache pickles the encoder: it keeps a path, not 7 MB of vectors, and encodes identically."""
    data = pickle.dumps(encoder)
    assert len(data) < 1000
    assert np.array_equal(pickle.loads(data).encode(["equity refresh"]), encoder.encode(["equity refresh"]))


def test_no_pytorch_is_loaded(encoder):
    """Encoding needs numpy and tokenizers only."""
    encoder.encode(["anything"])
    assert "torch" not in sys.modules
