"""Choosing the head's settings from cross-validated logits of real questions.

- The out-of-scope bias maximises balanced accuracy: in-scope top-1 accuracy plus
  out-of-scope recall, weighted alike, so neither side is sacrificed for the other.
- The temperature minimises the negative log-likelihood of the accepted intents, so a
  reported 0.7 is right about 70% of the time.
- The doubt threshold is the highest one whose choice rate stays within the budget
  (replies offering choices instead of a card), which minimises confidently-wrong cards.
"""

import numpy as np

from evalbot.core.reply import OUT_OF_SCOPE
from evalbot.routing.head.model import softmax

BIASES = np.round(np.arange(-3.0, 3.01, 0.25), 2)
TEMPERATURES = np.round(np.arange(0.5, 3.01, 0.05), 2)
UNSURE_CANDIDATES = np.round(np.arange(0.0, 0.801, 0.01), 2)
# At most this share of replies may offer choices instead of a card (the budget is 20%; 2 points spare).
CHOICE_BUDGET = 0.18


def _probabilities(logits: np.ndarray, classes: list[str], *, bias: float, temperature: float = 1.0) -> np.ndarray:
    shifted = logits.copy()
    shifted[:, classes.index(OUT_OF_SCOPE)] += bias
    return softmax(shifted / temperature)


def _verdicts(probabilities: np.ndarray, accepted: list[tuple[str, ...]], classes: list[str],
              families: np.ndarray | None = None):
    """Right or not, truly out of scope, said out of scope, and the top class's family share (see family_matrix)."""
    top = probabilities.argmax(axis=1)
    chosen = [classes[i] for i in top]
    right = np.array([c in a for c, a in zip(chosen, accepted)])
    out = np.array([OUT_OF_SCOPE in a for a in accepted])
    said_out = np.array([c == OUT_OF_SCOPE for c in chosen])
    shares = probabilities @ families if families is not None else probabilities
    return right, out, said_out, shares[np.arange(len(top)), top]


def choose_bias(logits: np.ndarray, accepted: list[tuple[str, ...]], classes: list[str]) -> float:
    def balanced(bias: float) -> float:
        right, out, _, _ = _verdicts(_probabilities(logits, classes, bias=bias), accepted, classes)
        return right[~out].mean() + right[out].mean()
    scores = [balanced(b) for b in BIASES]
    return float(BIASES[int(np.argmax(scores))])


def choose_temperature(logits: np.ndarray, accepted: list[tuple[str, ...]], classes: list[str], *, bias: float) -> float:
    mask = np.array([[c in a for c in classes] for a in accepted])
    def loss(t: float) -> float:
        p = _probabilities(logits, classes, bias=bias, temperature=t)
        return float(-np.log(np.clip((p * mask).sum(axis=1), 1e-12, 1)).mean())
    return float(min(TEMPERATURES, key=loss))


def choose_unsure(logits: np.ndarray, accepted: list[tuple[str, ...]], classes: list[str], *, bias: float,
                  temperature: float, families: np.ndarray) -> float:
    _, _, said_out, confidence = _verdicts(_probabilities(logits, classes, bias=bias, temperature=temperature),
                                           accepted, classes, families)
    fitting = [t for t in UNSURE_CANDIDATES if ((~said_out) & (confidence < t)).mean() <= CHOICE_BUDGET]
    return float(max(fitting))


def held_out_figures(logits: np.ndarray, accepted: list[tuple[str, ...]], classes: list[str], *, bias: float,
                     temperature: float, unsure_below: float, families: np.ndarray) -> dict:
    """The cross-validated figures `evalbot eval` prints beside its own measurements."""
    right, out, said_out, confidence = _verdicts(
        _probabilities(logits, classes, bias=bias, temperature=temperature), accepted, classes, families)
    unsure = (~said_out) & (confidence < unsure_below)
    card = (~said_out) & ~unsure
    return {
        "cv_in_scope_accuracy": round(float(right[~out].mean()), 4),
        "cv_out_of_scope_recall": round(float(right[out].mean()), 4),
        "cv_choice_rate": round(float(unsure.mean()), 4),
        "cv_confidently_wrong": round(float((card & ~right).mean()), 4),
        "cv_real_questions": int(len(accepted)),
        "out_of_scope_bias": bias, "temperature": temperature, "unsure_below": unsure_below,
    }
