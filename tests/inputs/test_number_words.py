"""Numbers written as words become digits; articles stay articles."""

import pytest

from evalbot.inputs.number_words import digits_for_words


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("over five years", "over 5 years"),
        ("at eight percent", "at 8 percent"),
        ("twenty-five engineers", "25 engineers"),
        ("twenty five engineers", "25 engineers"),
        ("one hundred fifty thousand each", "150 thousand each"),
        ("two hundred thousand", "200 thousand"),
        ("half a million", "0.5 million"),
        ("a million a year", "1 million a year"),
        ("a dozen incidents", "12 incidents"),
        ("ninety five percent", "95 percent"),
    ],
)
def test_number_words_become_digits(text, digits):
    """Spelled-out figures are rewritten so the figure reader sees them."""
    assert digits_for_words(text) == digits


@pytest.mark.parametrize("text", ["a one-off build", "one incident costs 1m", "a year to run", "someone often",
                                  "tenure and attention", "ones and tens"])
def test_articles_and_words_containing_numbers_stay(text):
    """"one" and "a" are numbers only before a scale word; number words inside other words are left alone."""
    assert digits_for_words(text) == text
