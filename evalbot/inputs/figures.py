"""Every figure a sentence states, and what it looks like: money, a percentage, a span of years, a number.

Which calculator input a figure is depends on the words around it; that is decided in
`evalbot.inputs.reading`. This module only finds the figures, so that none can be missed:
every figure found is either assigned to an input or named back to the user as unused.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from evalbot.inputs.numbers import read_decimal
from evalbot.inputs.number_words import digits_for_words

_SCALE = r"k|mm|mn|mil|m|bn|b|thousand|million|billion|trillion"
# Bounded lengths and a start that no digit, dot or comma precedes: a long run of digits
# cannot be retried from every position inside it (hostile input stays linear).
_FIGURE = re.compile(
    r"(?<![\w.,$£€+])(?P<neg>-\s?)?(?P<dollar>(?:\$|usd |us\$|£|€)\s?)?"
    r"(?P<num>\d{1,3}(?:,\d{3}){1,5}(?:\.\d{1,6})?|\d{1,15}(?:\.\d{1,6})?|\.\d{1,6})(?![\d,]\d|\.\d)"
    rf"(?:\s?(?P<scale>{_SCALE})s?(?![a-z]))?\+?"
    r"(?:\s?(?P<pct>%|percent|per cent|pct)(?![a-z]))?"
    r"(?:[\s-]?(?P<years>years?|yrs?)(?![a-z])(?!\s?\d{1,2}\s?[:|=]))?"  # "year 1:" labels the next row"
    r"(?P<currency>\s(?:usd|dollars?|bucks)(?![a-z]))?"
    r"(?P<yearly>\s?(?:/\s?(?:year|yr|y|annum)|(?:a|per|each|every) (?:year|yr|annum)|annually|yearly|p\.a\.?)"
    r"(?![a-z]))?"
)
_CALENDAR = re.compile(r"^(?:19|20)\d\d$")
# "in 2026", "by FY2027": a year of the calendar, not an amount or a count.
_BEFORE_CALENDAR = re.compile(r"(?:\b(?:in|since|by|until|till|before|after|during|for|of|from|fy|year|early|late|mid)"
                              r"\s?|'|q[1-4]\s)$")


@dataclass(frozen=True, kw_only=True)
class Figure:
    """One figure in prepared text.

    Attributes:
        raw: the value as the field parsers read it (`$1.5m`, `8%`, `5` for "5 years").
        start, end: its span in the prepared text, units and "a year" included.
        value: the number it states, units applied (`1.5m` -> 1500000; `8%` -> 8).
        money: written as money (`$`, `usd`, `dollars`, or a scale such as `k` or `million`).
        percent: written as a percentage.
        years: written as a span of years (`5 years`, `5-year`).
    """

    raw: str
    start: int
    end: int
    value: Decimal
    money: bool
    percent: bool
    years: bool
    scaled: bool
    thousands: bool
    fraction: bool
    calendar: bool
    yearly: bool = False

    @property
    def plain(self) -> bool:
        """A bare number: no currency, unit, percent or years."""
        return not (self.money or self.percent or self.years)

    @property
    def whole(self) -> bool:
        return self.value == self.value.to_integral_value()


def find_figures(prepared: str, *, limit: int) -> list[Figure]:
    """The figures in `prepared` text (see `evalbot.inputs.prose.prepare`), in order, at most `limit`."""
    figures: list[Figure] = []
    for match in _FIGURE.finditer(prepared):
        if len(figures) == limit:
            break
        number = match.group("num")
        scale = match.group("scale") or ""
        value = read_decimal(f"{number}{scale}", units=True)
        if value is None:
            continue
        value = -value if match.group("neg") else value
        percent = bool(match.group("pct"))
        years = bool(match.group("years")) and not (scale or match.group("dollar") or percent)
        sign = "-" if match.group("neg") else ""
        money = bool(match.group("dollar") or match.group("currency") or scale) and not percent
        spaced = " " if len(scale) > 2 else ""  # "2 million" stays as typed; "2m" too
        raw = f"{sign}{'$' if match.group('dollar') else ''}{number}{spaced}{scale}{'%' if percent else ''}"
        end = match.end() if years or not match.group("years") else match.start("years")
        figures.append(Figure(
            raw=raw, start=match.start(), end=end, value=value, money=money, percent=percent, years=years,
            scaled=bool(scale), thousands=scale.startswith(("k", "thousand")) and not match.group("dollar"),
            fraction="." in number and not scale,
            yearly=bool(match.group("yearly")),
            calendar=bool(_CALENDAR.match(number)) and not (money or percent)
            and bool(_BEFORE_CALENDAR.search(prepared[max(0, match.start() - 8):match.start()])),
        ))
    return figures


def spoken(prepared: str) -> str:
    """`prepared` with number words written as digits ("five years" -> "5 years")."""
    return digits_for_words(prepared)
