"""Building blocks for reading numbers out of sentences: regex pieces and the rule runner.

Rules run in order and each consumes the text it matched, so a later, looser rule
cannot read the same words again ("each incident costs 1M" is never the program cost).
A field found twice with different values is dropped: unclear meaning is not guessed.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from evalbot.inputs.numbers import read_decimal

# Numbers start only where a number starts, and have bounded length: otherwise a long run
# of digits is retried from every position inside it (quadratic time on hostile input).
_START = r"(?<![\d.,])"
NUM = rf"{_START}(?:\d{{1,3}}(?:,\d{{3}}){{1,5}}|\d{{1,15}})(?:\.\d{{1,6}})?(?![\d])"
COUNT = rf"{_START}(?:\d{{1,3}}(?:,\d{{3}}){{1,4}}|\d{{1,13}})(?![\d.])"
PERCENT = rf"{_START}\d{{1,3}}(?:\.\d{{1,6}})?\s*%"
_UNIT = r"(?:k|mm|mn|m|bn|b|thousands?|millions?|billions?)\b"
# Money in prose needs a `$`, a unit or four digits, so "spend 5 engineers" is not $5.
_MONEY_BODY = rf"\$\s?(?:{NUM})(?:\s?{_UNIT})?|(?:{NUM})\s?{_UNIT}|{_START}(?:\d{{1,3}}(?:,\d{{3}}){{1,5}}|\d{{4,15}})(?:\.\d{{1,6}})?(?![\d])"
APPROX = r"(?:(?:about|around|roughly|approximately|approx|nearly|almost|over|maybe|some|an\s+estimated|estimated|~)\s*){0,3}"
YEARLY = r"(?:\s*(?:/\s*(?:year|yr)|(?:a|per|each)\s+(?:year|yr)|annually|yearly))?"


def money(name: str) -> str:
    """A named group matching an amount of money, with `+` ("$10M+") and "a year" tolerated."""
    return rf"(?P<{name}>{_MONEY_BODY})\+?{YEARLY}"


def prepare(text: str) -> str:
    """Lower-case, straight quotes, single spaces: the form every rule is written against."""
    text = text.lower().replace("\u2019", "'").replace("\u2212", "-")
    return " " + re.sub(r"\s+", " ", text).strip() + " "


@dataclass(frozen=True, kw_only=True)
class Rule:
    """A pattern whose named groups are calculator fields."""

    pattern: re.Pattern[str]


def rules(*patterns: str) -> tuple[Rule, ...]:
    return tuple(Rule(pattern=re.compile(p)) for p in patterns)


def _same(value: str) -> Decimal | str:
    number = read_decimal(re.sub(r"^\$\s*|\s*%$", "", value), units=True)
    return number if number is not None else value


def collect(text: str, ordered: Sequence[Rule]) -> dict[str, str]:
    """Run `ordered` rules over prepared `text`; return each field found with one clear value."""
    found: dict[str, dict[Decimal | str, str]] = {}
    for rule in ordered:
        for match in rule.pattern.finditer(text):
            for name, value in match.groupdict().items():
                if value is not None and not name.startswith("_"):
                    value = value.strip()
                    found.setdefault(name, {}).setdefault(_same(value), value)
        text = rule.pattern.sub(" ; ", text)
    return {name: next(iter(values.values())) for name, values in found.items() if len(values) == 1}
