"""Split `key=value` pairs (quoted values allowed) out of a command's text."""

import re
from dataclasses import dataclass

from evalbot.errors import CommandError

# A number followed by a scale or percent word (`cost=2 million`, `rate=10 percent`) is one
# value: without this, `million` would be dropped and the cost read as $2.
_SPACED = r"[$]?[\d.,]+\s+(?:thousand|million|billion|trillion|mn|bn|mm|percent)s?\b"
_PAIR = re.compile(
    # The key must start a word: otherwise the pattern is retried inside every long
    # word and scans to its end each time (quadratic on hostile input).
    r"""(?<![\w\-])(?P<key>[A-Za-z][\w\-]*)\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>"""
    + _SPACED
    + r"""|[^\s"']+))""",
    re.IGNORECASE,
)


@dataclass(frozen=True, kw_only=True)
class SplitText:
    """The `key=value` pairs of a text, and the words left around them."""

    pairs: dict[str, str]
    rest: str


def canonical_key(key: str) -> str:
    """`Incident-Cost` and `incident_cost` name the same field."""
    return key.strip().lower().replace("-", "_")


def split_pairs(text: str) -> SplitText:
    """Pull every `key=value` pair out of `text`.

    Raises:
        CommandError: when one key is given two different values.
    """
    pairs: dict[str, str] = {}
    for match in _PAIR.finditer(text):
        key = canonical_key(match.group("key"))
        value = next(v for v in (match.group("dq"), match.group("sq"), match.group("bare")) if v is not None)
        # Sentence punctuation after a bare value is not part of it: "spend=1M, and ..." is 1M.
        value = value.strip() if match.group("bare") is None else (value.strip().rstrip(",;:!?).") or value.strip())
        if key in pairs and pairs[key] != value:
            raise CommandError(
                f"`{key}` is given twice, as `{pairs[key]}` and `{value}`; give it once.",
                field=key,
                example=f"{key}={pairs[key]}",
            )
        pairs[key] = value
    return SplitText(pairs=pairs, rest=without_pairs(text))


def without_pairs(text: str) -> str:
    """`text` with every `key=value` pair taken out (never raises: no values are compared)."""
    return re.sub(r"\s+", " ", _PAIR.sub(" ", text)).strip()


_UNIT = re.compile(r"(?<=\d)\s?(k|m|mm|bn|b)$")


def as_typed(raw: str) -> str:
    """A figure read from a (lower-cased) sentence as people type it in a command: `2m` -> `2M`."""
    return _UNIT.sub(lambda unit: unit.group(1).upper(), raw.strip())


def pair(key: str, value: str) -> str:
    """`key=value` as the grammar reads it back: a value with a space is quoted (`cost="2 million"`)."""
    return f'{key}="{value}"' if " " in value else f"{key}={value}"
