"""Percentages: `10%`, `92.5 %`, `10 percent`, or a fraction such as `0.1` where a rate is expected.

A bare number up to 1 is a fraction (`0.92` is 92%); a bare number above 1 is
percentage points (`92` is 92%), because a 9,200% accuracy or discount rate is never meant.
"""

import re
from decimal import Decimal

from evalbot.errors import CommandError
from evalbot.inputs.numbers import echo, read_decimal

_MAX_SHOWN = Decimal(10) ** 6
_PERCENT_SIGN = re.compile(r"\s*(?:%|percent|pct|per\s*cent)\s*$", re.IGNORECASE)


def _show(points: Decimal) -> str:
    return f"{points.normalize():f}%"


def _given(raw: str, points: Decimal) -> str:
    shown = f"`{echo(raw)}`"
    # Say how a bare number was read (`1.4` is 1.4%), but never echo an absurdly long number back.
    if _PERCENT_SIGN.search(raw) or not abs(points) < _MAX_SHOWN:
        return shown
    return f"{shown} ({_show(points)})"


def parse_percent(raw: str, *, field: str, low: float = 0.0, high: float = 100.0,
                  example: str | None = None) -> float:
    """Return the value as a fraction (10% -> 0.1), checked to lie within `low..high` percent.

    Raises:
        CommandError: unreadable or out of range, naming `field`.
    """
    text = raw.strip()
    has_sign = bool(_PERCENT_SIGN.search(text))
    value = read_decimal(_PERCENT_SIGN.sub("", text), units=False)
    if value is None:
        raise CommandError(f"`{field}` needs a percentage like `10%` or a fraction like `0.1`; "
                           f"`{echo(raw)}` isn't one.", field=field, example=example)
    points = value if has_sign or abs(value) > 1 else value * 100
    low_d, high_d = Decimal(str(low)), Decimal(str(high))
    if not low_d <= points <= high_d:
        raise CommandError(
            f"`{field}` must be between {_show(low_d)} and {_show(high_d)}; you gave {_given(raw, points)}.",
            field=field, example=example)
    return float(points / 100)
