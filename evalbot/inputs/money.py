"""Money as people type it: `2M`, `$1.5M`, `750k`, `1,200,000`, `2 million`, `1.2mm`, `$2M/year`."""

import re
from decimal import Decimal

from evalbot.errors import CommandError
from evalbot.inputs.numbers import echo, read_decimal

MAX_MONEY = Decimal(10) ** 13
# Below a cent an amount is a typo, and as a float it could round to zero.
MIN_MONEY = Decimal("0.01")
# Words around an amount that add nothing: currency and "per year" (every amount here is annual
# unless the calculator says otherwise).
_NOISE = re.compile(
    r"^\s*(?:usd|us\$)\s*|\s*(?:usd|dollars?|bucks)\s*$|\s*(?:/\s*(?:year|yr|y|annum)|(?:per|a)\s+(?:year|yr|annum)"
    r"|annually|p\.?a\.?)\s*$",
    re.IGNORECASE,
)


def _strip(raw: str) -> str:
    text = raw.strip()
    for _ in range(3):  # "USD 2M a year": each pass removes one wrapper
        text = _NOISE.sub("", text)
    sign = ""
    if text[:1] in "-+\u2212" and text[:1]:
        sign, text = text[0], text[1:].lstrip()
    if text.startswith("$"):
        text = text[1:].lstrip()
    return sign + text


def parse_money(raw: str, *, field: str, allow_zero: bool = False, example: str | None = None) -> float:
    """Read an amount of money in dollars: above 0 (or 0 with `allow_zero`) and at most $10T.

    Raises:
        CommandError: naming `field`, saying what was wrong, with `example`.
    """
    value = read_decimal(_strip(raw), units=True)
    if value is None:
        raise CommandError(
            f"`{field}` needs an amount of money like `2M`, `$1.5M`, `750k` or `1,200,000`; "
            f"`{echo(raw)}` isn't one.", field=field, example=example)
    if value < 0 or (value == 0 and not allow_zero):
        floor = "0 or more" if allow_zero else "more than $0"
        raise CommandError(f"`{field}` must be {floor}; you gave `{echo(raw)}`.", field=field, example=example)
    if 0 < value < MIN_MONEY:
        raise CommandError(f"`{field}` must be at least $0.01; `{echo(raw)}` is less than a cent.",
                           field=field, example=example)
    if value > MAX_MONEY:
        raise CommandError(f"`{field}` must be at most $10T; `{echo(raw)}` is too large.",
                           field=field, example=example)
    return float(value)
