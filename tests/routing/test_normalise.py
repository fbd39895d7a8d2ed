"""The normaliser strips Slack markup and folds case, punctuation and spacing."""

import pytest

from evalbot.routing.normalise import normalise, strip_slack


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("<@U024BE7LH> how do I pitch the budget?", "how do i pitch the budget"),
        ("<@U024BE7LH|sam> hi", "hi"),
        ("see <https://example.com/a?b=c|the doc> pls", "see the doc pls"),
        ("see <https://example.com/a> now", "see now"),
        (":rocket: board pitch :tada:", "board pitch"),
        ("*Board* _pitch_ ~now~ `code`", "board pitch now code"),
        ("  lots \t of\n\nspace  ", "lots of space"),
        ("NEGOTIATION Tips!!!", "negotiation tips"),
        ("<!channel> <!here> budget", "budget"),
        ("P&amp;L ownership", "p&l ownership"),
        ("", ""),
    ],
)
def test_normalise(raw, expected):
    """Each kind of Slack markup is removed and the words survive."""
    assert normalise(raw) == expected


def test_strip_slack_keeps_key_value_arguments():
    """Stripping markup keeps case, quotes and `=` so the grammar can parse inputs."""
    assert strip_slack('<@U1> roi cost="2 M" Benefit=10M') == 'roi cost="2 M" Benefit=10M'
