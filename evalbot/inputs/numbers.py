"""Counts and plain numbers, read exactly (as `Decimal`) and checked against bounds.

Every problem becomes a `CommandError` that names the field, says what was wrong and
shows an example, so no traceback, NaN or infinity ever reaches a user.
"""

import re
from decimal import Decimal
from types import MappingProxyType

from evalbot.errors import CommandError

# The longest stretch of a user's value we repeat back in an error message.
_ECHO_LIMIT = 40
# Powers of ten named by a unit word; read-only.
_SCALE = MappingProxyType({
    "k": 3, "thousand": 3, "thousands": 3,
    "m": 6, "mm": 6, "mn": 6, "mil": 6, "million": 6, "millions": 6,
    "b": 9, "bn": 9, "billion": 9, "billions": 9,
    "t": 12, "tn": 12, "trillion": 12,
})
_MAX_SHIFT = 100
_NUMBER = re.compile(
    r"^(?P<sign>[-+\u2212])?\s*(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    r"(?:e(?P<exp>[-+]?\d{1,9}))?\s*(?P<unit>[a-z]+)?$",
    re.IGNORECASE,
)


def echo(raw: str) -> str:
    """`raw` shortened for an error message (renderers escape it for Slack)."""
    text = " ".join(raw.split())
    return text if len(text) <= _ECHO_LIMIT else text[: _ECHO_LIMIT - 1] + "…"


def read_decimal(raw: str, *, units: bool) -> Decimal | None:
    """Read `12`, `1,200`, `2.5`, `1e6`, and with `units` also `10k`, `2 million`; None if unreadable."""
    match = _NUMBER.match(raw.strip())
    if not match:
        return None
    unit = (match.group("unit") or "").lower()
    if unit and (not units or unit not in _SCALE):
        return None
    value = Decimal(match.group("digits").replace(",", ""))
    shift = int(match.group("exp") or 0) + _SCALE.get(unit, 0)
    # Beyond +-100 places every bound is decided already; capping keeps Decimal in range.
    if shift > _MAX_SHIFT:
        value = Decimal("Infinity") if value else value
    else:
        value = value.scaleb(max(shift, -_MAX_SHIFT))
    return -value if match.group("sign") in ("-", "\u2212") else value


def _bounded(value: Decimal, *, field: str, raw: str, low: Decimal, high: Decimal, example: str | None) -> None:
    if not low <= value <= high:
        raise CommandError(
            f"`{field}` must be between {low:,} and {high:,}; `{echo(raw)}` is out of range.",
            field=field, example=example,
        )


def parse_count(raw: str, *, field: str, low: int = 1, high: int = 10**9, example: str | None = None) -> int:
    """A whole number such as `500`, `1,200` or `10k`, within `low..high`.

    Raises:
        CommandError: unreadable, fractional or out of range.
    """
    value = read_decimal(raw, units=True)
    if value is None:
        raise CommandError(f"`{field}` needs a whole number like `500` or `1,200`; `{echo(raw)}` isn't one.",
                           field=field, example=example)
    _bounded(value, field=field, raw=raw, low=Decimal(low), high=Decimal(high), example=example)
    if value != value.to_integral_value():
        raise CommandError(f"`{field}` must be a whole number; `{echo(raw)}` has a fraction.",
                           field=field, example=example)
    return int(value)


def parse_number(raw: str, *, field: str, low: float, high: float, example: str | None = None) -> float:
    """A number that may have decimals, within `low..high` (incidents a year: `0.5` is one every two years).

    Raises:
        CommandError: unreadable or out of range.
    """
    value = read_decimal(raw, units=True)
    if value is None:
        raise CommandError(f"`{field}` needs a number like `10` or `2.5`; `{echo(raw)}` isn't one.",
                           field=field, example=example)
    _bounded(value, field=field, raw=raw, low=Decimal(str(low)), high=Decimal(str(high)), example=example)
    return float(value)
