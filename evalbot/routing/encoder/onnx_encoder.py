"""Text -> unit-length 384-dimension sentence vector, with onnxruntime and tokenizers only.

The graph in `model/encoder.onnx` is the whole all-MiniLM-L6-v2 transformer with mean
pooling and normalisation inside it, quantised to int8 (`scripts/build-encoder`).
"""

import threading
from collections import OrderedDict
from pathlib import Path

import numpy as np
from tokenizers import Tokenizer

MODEL_DIR = Path(__file__).resolve().parent / "model"
# The source model was trained on at most 256 word pieces (sentence-transformers' max_seq_length).
MAX_PIECES = 256
# Vectors of this many recent texts are kept: answering a message encodes its ask to route it and
# again to pick the lead point, and a follow-up routes its message twice.
RECENT = 256


class Encoder:
    """Embeds texts as unit vectors; picklable (the session is rebuilt, not pickled).

    Args:
        model_dir: the folder holding `encoder.onnx` and `tokenizer.json`.
        threads: onnxruntime's intra-op threads; one keeps a busy server's other work responsive.
    """

    dims = 384

    def __init__(self, *, model_dir: Path = MODEL_DIR, threads: int = 1):
        self.model_dir = model_dir
        self.threads = threads
        self._load()

    def _start_cache(self) -> None:
        self._recent: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def _load(self) -> None:
        self._start_cache()
        self._tokenizer = Tokenizer.from_file(str(self.model_dir / "tokenizer.json"))
        self._tokenizer.enable_truncation(max_length=MAX_PIECES)
        self._tokenizer.no_padding()
        self._session = None

    def forget(self) -> None:
        """Drop the recent vectors (benchmarks time messages the process has not seen)."""
        with self._lock:
            self._recent.clear()

    def _opened(self):
        """The onnxruntime session, opened on first use.

        onnxruntime is imported here, not at the top: a process that has imported it and then
        forks leaves children that hang when they exit, and gunicorn's master loads the app
        (and builds the router) before it forks its workers. So only a process that encodes
        imports it.
        """
        import onnxruntime

        with self._lock:
            if self._session is None:
                options = onnxruntime.SessionOptions()
                options.intra_op_num_threads = self.threads
                options.inter_op_num_threads = 1
                options.log_severity_level = 3
                self._session = onnxruntime.InferenceSession(
                    str(self.model_dir / "encoder.onnx"), sess_options=options, providers=["CPUExecutionProvider"])
            return self._session

    def __getstate__(self) -> dict:
        return {"model_dir": self.model_dir, "threads": self.threads}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._load()

    def encode(self, texts: list[str]) -> np.ndarray:
        """One unit-length float32 row per text, each run on its own (no padding to the longest)."""
        out = np.zeros((len(texts), self.dims), dtype=np.float32)
        for row, text in enumerate(texts):
            with self._lock:
                known = self._recent.get(text)
            if known is None:
                known = self._run(text)
                with self._lock:
                    self._recent[text] = known
                    while len(self._recent) > RECENT:
                        self._recent.popitem(last=False)
            out[row] = known
        return out

    def _run(self, text: str) -> np.ndarray:
        ids = np.asarray([self._tokenizer.encode(text).ids], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)}
        return self._opened().run(None, feeds)[0][0]
