"""Finding every figure in a sentence, and what it looks like."""

import pytest

from evalbot.inputs.figures import find_figures, spoken
from evalbot.inputs.prose import prepare


def figures(text: str, limit: int = 40):
    return [(f.raw, f.money, f.percent, f.years) for f in find_figures(spoken(prepare(text)), limit=limit)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("costs $1.5M/year", [("$1.5m", True, False, False)]),
        ("2 million dollars a year", [("2 million", True, False, False)]),
        ("USD 750k", [("$750k", True, False, False)]),
        ("~4M each", [("4m", True, False, False)]),
        ("rate 8%", [("8%", False, True, False)]),
        ("eight percent", [("8%", False, True, False)]),
        ("over 5 years", [("5", False, False, True)]),
        ("a 5-year horizon", [("5", False, False, True)]),
        ("five yrs", [("5", False, False, True)]),
        ("1,200,000 a year", [("1,200,000", False, False, False)]),
        ("460 right out of 500", [("460", False, False, False), ("500", False, False, False)]),
        ("a 1M build, 200k/yr run", [("1m", True, False, False), ("200k", True, False, False)]),
        ("5M years", [("5m", True, False, False)]),
        ("over -3 years", [("-3", False, False, True)]),
        ("3-5 people", [("3", False, False, False), ("5", False, False, False)]),
        ("eval2 and gpt4", []),
        ("Year 0: -450,000\nYear 1: 120,000", [("0", False, False, False), ("-450,000", False, False, False),
                                              ("1", False, False, False), ("120,000", False, False, False)]),
        ("+-3 pts", [("3", False, False, False)]),
    ],
)
def test_figures_and_their_kinds(text, found):
    """Money needs a currency or a scale; percentages and spans of years are told apart from counts."""
    assert figures(text) == found


def test_a_calendar_year_is_marked_but_a_count_of_2000_is_not():
    """"by 2027" is a date; "2000 items" is a count."""
    (date,) = find_figures(prepare(" launch by 2027 "), limit=5)
    (count,) = find_figures(prepare(" 2000 items "), limit=5)
    assert date.calendar and not count.calendar


def test_the_number_of_figures_read_is_bounded():
    """A pasted table of thousands of figures is read only up to the limit."""
    assert len(find_figures(prepare("1% " * 5000), limit=12)) == 12


def test_mil_is_a_million():
    """"2.5 mil" is money, as people write it in chat."""
    (figure,) = find_figures(prepare(" costs 2.5 mil a year "), limit=5)
    assert figure.money and figure.value == 2_500_000
