"""Routing thresholds, chosen from data (see README, "How the thresholds were chosen")."""

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class Thresholds:
    # Below this top score a message is out of scope.
    accept: float = 0.04
    # A message whose content words are mostly unknown to the knowledge base needs this score.
    accept_unfamiliar: float = 0.30
    unfamiliar: float = 0.25
    # Candidates within this margin of the top one are offered as "did you mean".
    ambiguity_margin: float = 0.05
    # Out-of-scope replies suggest topics scoring at least this much.
    suggest: float = 0.15
