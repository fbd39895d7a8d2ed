"""What a topic answer leads with: the key points that answer the question asked, or its summary.

Points are ranked by how well they answer the question: the matcher's own similarity
(IDF-weighted cosine of shared words) plus shared meaning (the router's sentence encoder),
so "what should I ask for on vesting?" finds the faster-vesting lever and "gross or net
salary?" the point that the guide gives no pay figures. A point leads only when it fits
the question clearly better than the summary does, so a general question ("any tips on
what to look out for?") still opens with the overview.
"""

import re
from collections.abc import Sequence

from evalbot.errors import CommandError

# About what a reader takes in at a glance, and what Slack shows before "See more".
LEAD_CHARS = 400
MAX_LEAD_POINTS = 3
# How close a point must be to the question to lead (the matcher's cosine, 0..1). On the
# knowledge base's questions, points that answer them score 0.065-0.29, near misses under 0.055.
MIN_POINT_SCORE = 0.06
# A second or third point leads too when it scores at least this share of the best one.
RELATIVE_SCORE = 0.5
# Meaning counts above this cosine (MiniLM's unrelated sentences sit around 0.0-0.3), at this weight,
# so a point sharing no word with the question needs a cosine of about 0.42 to reach MIN_POINT_SCORE.
MEANING_FLOOR = 0.3
MEANING_WEIGHT = 0.5
_FIGURE = re.compile(r"\d")
_KEY_SEPARATOR = "#"
_BULLET_CHARS = len("• \n")  # what showing a point as a bullet line adds to it


def blend_relevance(lexical: Sequence[float], meaning: Sequence[float]) -> list[float]:
    """Shared words, plus MEANING_WEIGHT times how far shared meaning rises above MEANING_FLOOR."""
    return [word + MEANING_WEIGHT * max(0.0, sense - MEANING_FLOOR) for word, sense in zip(lexical, meaning)]


def lead_points(points: Sequence[str], *, scores: Sequence[float], summary_score: float) -> tuple[int, ...]:
    """Indices of the points to lead with, figures first; () when the summary answers the question better.

    Args:
        points: the topic's key points.
        scores: each point's similarity to the question.
        summary_score: the summary's similarity to the question.
    """
    ranked = sorted(range(len(points)), key=lambda i: -scores[i])
    best = scores[ranked[0]] if ranked else 0.0
    if best < MIN_POINT_SCORE or best <= summary_score:
        return ()
    floor = max(MIN_POINT_SCORE, RELATIVE_SCORE * best)
    chosen: list[int] = []
    length = 0
    for index in ranked[:MAX_LEAD_POINTS]:
        shown = len(points[index]) + _BULLET_CHARS
        if scores[index] < floor or (chosen and length + shown > LEAD_CHARS):
            break
        chosen.append(index)
        length += shown
    # Figures answer "how much / how long" questions directly, so they open the lead.
    return tuple(sorted(chosen, key=lambda i: (not _FIGURE.search(points[i]), -scores[i])))


def more_key(intent: str, lead: Sequence[int], *, offer: str | None = None) -> str:
    """A short key that rebuilds the whole answer with the same lead (and offer): `equity-negotiation#3`."""
    key = f"{intent}{_KEY_SEPARATOR}{','.join(str(i) for i in lead)}"
    return f"{key}{_KEY_SEPARATOR}{offer}" if offer else key


def parse_more_key(key: str) -> tuple[str, tuple[int, ...], str | None]:
    """(intent, lead indices, offered command or None) from a `more_key`.

    Raises:
        CommandError: a key that is not one `more_key` makes.
    """
    intent, separator, rest = key.partition(_KEY_SEPARATOR)
    indices, _, offer = rest.partition(_KEY_SEPARATOR)
    parts = indices.split(",") if indices else []
    if not separator or not intent or not all(part.isdigit() and len(part) <= 2 for part in parts):
        raise CommandError("That button no longer matches an answer; ask the question again.", example="help")
    return intent, tuple(int(part) for part in parts), offer or None
