"""Figures the way executives read them: `$10M`, `$1.2M`, `$750K`, `5.0x`, `89.9%-93.8%`, `2.4 months`.

An amount that is exact at two decimals of its unit is shown as briefly as possible
(`$10M`, `$1.2M`, `$11.25M`); one that is rounded keeps at least one decimal
(`$1,001,000` is `$1.0M`, `$11,685,600` is `$11.69M`), so rounding is visible.
"""

_UNITS = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K"))


def _scaled(value: float) -> str:
    rounded = round(value, 2)
    if abs(rounded - value) <= 1e-9 * max(1.0, abs(value)):
        text = f"{rounded:,.2f}".rstrip("0").rstrip(".")
    else:
        text = f"{rounded:,.2f}".rstrip("0")
        text = text + "0" if text.endswith(".") else text
    return text


def money(value: float) -> str:
    """`$10M`, `$1.2M`, `$750K`, `$11.69M`, `-$500K`, `$750`."""
    sign = "-" if value < 0 else ""
    amount = abs(float(value))
    for size, unit in _UNITS:
        # Largest unit first, judged after rounding, so $999,999 reads $1.0M rather than $1000K.
        if round(amount / size, 2) >= 1:
            return f"{sign}${_scaled(amount / size)}{unit}"
    return f"{sign}${amount:,.0f}" if amount.is_integer() else f"{sign}${amount:,.2f}"


def multiple(value: float) -> str:
    """A benefit-to-cost multiple with one decimal: `5.0x`, `6.7x`."""
    return f"{value:,.1f}x"


def percent(fraction: float, *, decimals: int = 2) -> str:
    """`0.92` -> `92%`, `0.915` -> `91.5%`; trailing zeros dropped."""
    text = f"{fraction * 100:,.{decimals}f}"
    if decimals:
        text = text.rstrip("0").rstrip(".")
    return f"{'0' if text in ('-0', '') else text}%"


def interval(low: float, high: float) -> str:
    """An interval of fractions with one decimal: `89.9%-93.8%`."""
    return f"{low * 100:.1f}%-{high * 100:.1f}%"


def months(value: float) -> str:
    """Payback time: `2.4 months`."""
    return "under 0.1 months" if value < 0.05 else f"{value:,.1f} months"


def number(value: float) -> str:
    """A count or rate: `10`, `1,200`, `0.5`."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def with_article(figure: str) -> str:
    """`a 10%`, `an 8%`, `an 11%`: the article as the figure is spoken."""
    digits = figure.lstrip("$").split(".")[0].replace(",", "")
    spoken_an = digits.startswith("8") or digits in ("11", "18")
    return f"{'an' if spoken_an else 'a'} {figure}"


def years_months(value: float) -> str:
    """A span of years as people say it: `3 years 4 months`, `11 months`, `1 year`, `under a month`."""
    months_total = round(value * 12)
    if months_total == 0:
        return "under a month" if value > 0 else "at once"
    years, months_left = divmod(months_total, 12)
    parts = ([f"{years} year{'s' * (years != 1)}"] if years else []) + \
            ([f"{months_left} month{'s' * (months_left != 1)}"] if months_left else [])
    return " ".join(parts)
