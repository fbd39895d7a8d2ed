"""Messages -> the head's input vectors, read exactly as the brain reads them at run time."""

import numpy as np

from evalbot.routing.encoder import Encoder
from evalbot.routing.matcher import Matcher
from evalbot.routing.router import message_vector
from evalbot.understanding import understand


def featurise(texts: list[str], *, encoder: Encoder, matcher: Matcher) -> tuple[np.ndarray, list[str]]:
    """One row per message (its ask found by `understand`, then the router's message vector), and the asks."""
    rows = np.zeros((len(texts), encoder.dims), dtype=np.float32)
    asks = []
    for row, text in enumerate(texts):
        understood = understand(text, speller=matcher.speller)
        rows[row] = message_vector(encoder, ask=understood.ask, whole=understood.context or understood.ask)
        asks.append(understood.ask)
    return rows, asks
