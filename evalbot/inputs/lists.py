"""Lists typed as one value: year-by-year cash flows (`-150K,40K,60K`) and an eval result (`92%/500`)."""

import re

from evalbot.errors import CommandError
from evalbot.inputs.money import parse_money
from evalbot.inputs.numbers import echo, parse_count
from evalbot.inputs.percent import parse_percent

MAX_FLOWS = 51  # year 0 and a 50-year horizon, the same bound as `years`
# With semicolons, bars or spaces between the amounts, commas are thousands separators
# (`-1,200,000; 300,000`); with none, commas separate the amounts (`-1.2M,300K,400K`).
_SEPARATORS = re.compile(r"\s*[;|]\s*|,\s+|\s+")
_EVERY_COMMA = re.compile(r"\s*,\s*")
_RESULT = re.compile(r"^\s*(?P<score>[^/@:]+?)\s*(?:/|@|:|\bout of\b|\bof\b|\bon\b|\bin\b|\bacross\b|\bn\s*=)\s*"
                     r"(?P<n>[\d,.]+\s*k?)\s*(?:samples?|cases?|items?|examples?|questions?|prompts?)?\s*$",
                     re.IGNORECASE)


def _flow(token: str, *, field: str, example: str | None) -> float:
    text = token.strip()
    negative = text.startswith("(") and text.endswith(")")  # accounting style: (150,000) is a cost
    text = text.strip("()")
    if text[:1] in "-\u2212":
        negative, text = not negative, text[1:]
    value = parse_money(text.lstrip("+"), field=field, allow_zero=True, example=example)
    return -value if negative else value


def parse_flows(raw: str, *, field: str, example: str | None = None) -> tuple[float, ...]:
    """Year-by-year amounts, year 0 first: `-150K,40K,60K`, `-100000; 30000; 40000`, `(150K) 40K 60K`.

    Raises:
        CommandError: an unreadable amount, fewer than two years, or more than 51.
    """
    text = re.sub(r"(?<=[-(\u2212$])\s+", "", raw.strip().strip("[]"))  # "- 150K" and "$ 40K" are one amount
    pattern = _SEPARATORS if _SEPARATORS.search(text) else _EVERY_COMMA
    tokens = [token for token in pattern.split(text) if token.strip()]
    if len(tokens) < 2:
        raise CommandError(f"`{field}` needs at least two years of amounts, year 0 first; `{echo(raw)}` has "
                           f"{len(tokens)}.", field=field, example=example)
    if len(tokens) > MAX_FLOWS:
        raise CommandError(f"`{field}` takes at most {MAX_FLOWS} years (year 0 and 50 more); you gave "
                           f"{len(tokens)}.", field=field, example=example)
    return tuple(_flow(token, field=field, example=example) for token in tokens)


def parse_result(raw: str, *, field: str, example: str | None = None) -> tuple[float, int]:
    """An eval result as (correct, n): `92%/500`, `92% of 500`, `460/500`, `0.92 on 500`.

    Correct may be fractional when given as a rounded accuracy (91.3% of 500). An accuracy
    alone (`92%`) comes back as (0.92, 0): its sample size is unknown, which the calculator
    resolves (a shared `n` makes the comparison paired).

    Raises:
        CommandError: no sample size, an unreadable part, or more correct than evaluated.
    """
    match = _RESULT.match(raw)
    if match is None and ("%" in raw or "percent" in raw.lower()):
        return parse_percent(raw, field=field, example=example), 0
    if match is None:
        raise CommandError(f"`{field}` needs a score and its sample size, like `92%/500` or `460/500`; "
                           f"`{echo(raw)}` isn't one.", field=field, example=example)
    n = parse_count(match.group("n").replace(" ", ""), field=field, low=1, example=example)
    score = match.group("score").strip()
    if "%" in score or "percent" in score.lower() or "." in score:
        return parse_percent(score, field=field, example=example) * n, n
    correct = parse_count(score, field=field, low=0, example=example)
    if correct > n:
        raise CommandError(f"`{field}` has {correct:,} correct out of {n:,}; correct can't be more than the "
                           "cases evaluated.", field=field, example=example)
    return float(correct), n
