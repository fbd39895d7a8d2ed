"""Fitting a multinomial logistic regression with numpy alone (full-batch Adam, L2 penalty).

Repeatable: the same data gives the same weights up to float rounding, so `scripts/train-router` rebuilds
the shipped head exactly. Targets are soft: a question that several intents answer
spreads its mass over them, most on the first (the best fit).
"""

import numpy as np

from evalbot.routing.head.model import softmax

BEST_FIT_SHARE = 0.5


def soft_targets(labels: list[tuple[str, ...]], classes: list[str]) -> np.ndarray:
    """One row per example: BEST_FIT_SHARE on the first accepted class, the rest shared by the others."""
    index = {name: i for i, name in enumerate(classes)}
    targets = np.zeros((len(labels), len(classes)), dtype=np.float32)
    for row, accepted in enumerate(labels):
        known = [index[name] for name in accepted if name in index]
        if len(known) == 1:
            targets[row, known[0]] = 1.0
        elif known:
            targets[row, known[0]] = BEST_FIT_SHARE
            for column in known[1:]:
                targets[row, column] += (1 - BEST_FIT_SHARE) / (len(known) - 1)
    return targets


def fit_softmax(features: np.ndarray, targets: np.ndarray, *, sample_weights: np.ndarray | None = None,
                l2: float = 1e-3, steps: int = 300, learning_rate: float = 0.05) -> tuple[np.ndarray, np.ndarray]:
    """Weights (features x classes) and biases minimising the weighted cross-entropy plus `l2`/2 |W|^2."""
    count, width = features.shape
    weights = np.ones(count, dtype=np.float32) if sample_weights is None else sample_weights.astype(np.float32)
    weights = weights / weights.sum()
    w = np.zeros((width, targets.shape[1]), dtype=np.float32)
    b = np.zeros(targets.shape[1], dtype=np.float32)
    moments = [np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)]
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    for step in range(1, steps + 1):
        error = (softmax(features @ w + b) - targets) * weights[:, None]
        for k, (param, grad) in enumerate(((w, features.T @ error + l2 * w), (b, error.sum(axis=0)))):
            first, second = moments[2 * k], moments[2 * k + 1]
            first *= beta1
            first += (1 - beta1) * grad
            second *= beta2
            second += (1 - beta2) * grad * grad
            param -= learning_rate * (first / (1 - beta1 ** step)) / (np.sqrt(second / (1 - beta2 ** step)) + eps)
    return w, b
