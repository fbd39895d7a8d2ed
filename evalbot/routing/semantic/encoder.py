"""Text -> unit-length sentence vector, with numpy and tokenizers only (no PyTorch, no download).

The vectors in `model/` are static embeddings distilled with model2vec from
all-MiniLM-L6-v2 (see `model/README.md` and `scripts/build-embeddings`): one
vector per word piece, stored as int8 with a float32 scale per row. A sentence is
the mean of its word pieces' vectors, normalised, as model2vec computes it.
"""

from pathlib import Path

import numpy as np
from tokenizers import Tokenizer

MODEL_DIR = Path(__file__).resolve().parent / "model"
# The source model reads at most 512 word pieces; a longer message is cut like it.
MAX_PIECES = 512


class Encoder:
    """Embeds texts as unit vectors; picklable (the tokenizer and vectors are reloaded, not pickled)."""

    def __init__(self, *, model_dir: Path = MODEL_DIR):
        self.model_dir = model_dir
        self._load()

    def _load(self) -> None:
        self._tokenizer = Tokenizer.from_file(str(self.model_dir / "tokenizer.json"))
        # Memory-mapped: only the rows a message uses are read from disk.
        self._vectors = np.load(self.model_dir / "vectors.npy", mmap_mode="r")
        self._scales = np.load(self.model_dir / "scales.npy")
        self._unknown = self._tokenizer.token_to_id("[UNK]")
        self.dims = int(self._vectors.shape[1])

    def __getstate__(self) -> dict:
        return {"model_dir": self.model_dir}

    def __setstate__(self, state: dict) -> None:
        self.model_dir = state["model_dir"]
        self._load()

    def pieces(self, text: str) -> list[int]:
        """The known word-piece ids of `text`, at most MAX_PIECES."""
        ids = self._tokenizer.encode(text, add_special_tokens=False).ids
        return [i for i in ids if i != self._unknown][:MAX_PIECES]

    def encode(self, texts: list[str]) -> np.ndarray:
        """One unit-length float32 row per text; a text with no known word piece gets a zero row."""
        out = np.zeros((len(texts), self.dims), dtype=np.float32)
        for row, text in enumerate(texts):
            ids = self.pieces(text)
            if ids:
                rows = np.asarray(self._vectors[ids], dtype=np.float32) * self._scales[ids, None]
                mean = rows.mean(axis=0)
                norm = float(np.linalg.norm(mean))
                if norm > 0:
                    out[row] = mean / norm
        return out
