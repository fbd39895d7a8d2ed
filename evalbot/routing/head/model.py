"""The shipped intent head: weights, the out-of-scope bias and the doubt threshold, in one file."""

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np


HEAD_FILE = Path(__file__).resolve().parent / "head.npz"


def softmax(logits: np.ndarray) -> np.ndarray:
    """Probabilities along the last axis, computed without overflow."""
    shifted = logits - logits.max(axis=-1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=-1, keepdims=True)


@dataclass(frozen=True, kw_only=True)
class IntentHead:
    """Class probabilities for one sentence vector.

    Attributes:
        classes: the class names; `out-of-scope` is one of them.
        weights: features x classes.
        biases: one per class.
        scale: the sentence vector is multiplied by this before the weights (a unit vector is too flat).
        temperature: logits are divided by this, fitted so probabilities match cross-validated accuracy.
        out_of_scope_bias: added to the out-of-scope logit, chosen by cross-validation on training data.
        unsure_below: below this top probability a reply offers choices instead of a card.
        facts: how the head was made and measured (printed by `evalbot eval`).
    """

    classes: tuple[str, ...]
    weights: np.ndarray
    biases: np.ndarray
    scale: float
    temperature: float
    out_of_scope_bias: float
    unsure_below: float
    facts: dict

    def logits(self, vector: np.ndarray) -> np.ndarray:
        """The fitted logits for one feature vector (or a matrix of them), before the bias and temperature."""
        return (vector * self.scale) @ self.weights + self.biases

    def probabilities(self, vector: np.ndarray) -> np.ndarray:
        """Probabilities over `classes` for one feature vector (or a matrix of them, one per row)."""
        return self.finish(self.logits(vector))

    def finish(self, logits: np.ndarray) -> np.ndarray:
        """Probabilities from logits (with any evidence added): the out-of-scope bias, the temperature, softmax."""
        return softmax((logits + self._bias_row()) / self.temperature)

    def extended(self, prototypes: dict[str, np.ndarray]) -> "IntentHead":
        """This head with a class added per prototype (the unit mean vector of a new entry's phrasings).

        An organisation's overlay may add entries the shipped head never saw. Each becomes a
        nearest-prototype class inside the same softmax: its weights point along its
        prototype with the shipped classes' typical length, and its bias is their median,
        so a message close to its phrasings wins as a shipped class would.
        """
        if not prototypes:
            return self
        length = float(np.median(np.linalg.norm(self.weights, axis=0)))
        columns = np.stack([vector / max(float(np.linalg.norm(vector)), 1e-12) * length for vector in prototypes.values()])
        in_scope = [i for i, name in enumerate(self.classes) if name != "out-of-scope"]
        bias = float(np.median(self.biases[in_scope]))
        return dataclasses.replace(
            self, classes=(*self.classes, *prototypes), weights=np.concatenate([self.weights, columns.T], axis=1),
            biases=np.concatenate([self.biases, np.full(len(prototypes), bias, dtype=np.float32)]))

    def _bias_row(self) -> np.ndarray:
        row = np.zeros(len(self.classes), dtype=np.float32)
        if "out-of-scope" in self.classes:
            row[self.classes.index("out-of-scope")] = self.out_of_scope_bias
        return row

    def save(self, path: Path = HEAD_FILE) -> None:
        settings = {"classes": list(self.classes), "scale": self.scale, "temperature": self.temperature,
                    "out_of_scope_bias": self.out_of_scope_bias, "unsure_below": self.unsure_below, "facts": self.facts}
        with path.open("wb") as file:
            np.savez_compressed(file, weights=self.weights.astype(np.float32), biases=self.biases.astype(np.float32),
                                settings=np.frombuffer(json.dumps(settings, sort_keys=True).encode(), dtype=np.uint8))

    @classmethod
    def load(cls, path: Path = HEAD_FILE) -> "IntentHead":
        with np.load(path) as data:
            settings = json.loads(data["settings"].tobytes().decode())
            return cls(classes=tuple(settings["classes"]), weights=data["weights"], biases=data["biases"],
                       scale=settings["scale"], temperature=settings["temperature"],
                       out_of_scope_bias=settings["out_of_scope_bias"], unsure_below=settings["unsure_below"],
                       facts=settings["facts"])
