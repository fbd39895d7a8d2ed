"""Numbers written as words, rewritten as digits: "five years", "eight percent", "twenty-five", "half a million".

"one" and "a" become 1 only before a scale word ("a million", "one hundred"): elsewhere
they are articles ("one-off", "one incident costs 1M", "a year").
"""

import re
from types import MappingProxyType

_UNITS = MappingProxyType({
    "zero": 0, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
})
_TENS = MappingProxyType({"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
                          "eighty": 80, "ninety": 90})
_SCALES = r"(?:hundred|thousand|million|billion|percent|per cent)"
_ONE = r"(?:one|a|an)"
_WORD = "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True))
_COMPOUND = re.compile(
    rf"\b(?P<tens>{'|'.join(_TENS)})(?:[- ](?P<unit>{'|'.join(k for k, v in _UNITS.items() if 0 < v < 10)}))?\b"
    rf"|\b(?P<word>{_WORD})\b"
    rf"|\b{_ONE}(?= {_SCALES}\b)"
    r"|\bhalf an? (?=million|billion)"
    r"|\ba dozen\b"
)
_HUNDRED = re.compile(r"\b(?P<n>\d{1,2}) hundred(?:(?: and)? (?P<rest>\d{1,2})(?![\d.,]))?\b")


def _digits(match: re.Match[str]) -> str:
    text = match.group(0)
    if match.group("tens"):
        return str(_TENS[match.group("tens")] + (_UNITS[match.group("unit")] if match.group("unit") else 0))
    if match.group("word"):
        return str(_UNITS[match.group("word")])
    if text.startswith("half"):
        return "0.5 "
    if text == "a dozen":
        return "12"
    return "1"


def digits_for_words(text: str) -> str:
    """Rewrite number words in lower-case `text` as digits ("two hundred thousand" -> "200 thousand")."""
    text = _COMPOUND.sub(_digits, text)
    return _HUNDRED.sub(lambda m: str(int(m.group("n")) * 100 + int(m.group("rest") or 0)), text)
