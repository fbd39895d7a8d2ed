"""Greetings, thanks and sign-offs around a question are dropped; the question is kept as typed."""

import pytest

from evalbot.understanding.courtesy import is_courtesy, trim_courtesy


@pytest.mark.parametrize(
    ("text", "ask"),
    [
        ("Hi! how do I push back on my boss?", "how do I push back on my boss?"),
        ("hi how do I push back on my boss", "how do I push back on my boss"),
        ("hey team, quick question: what is the roi", "quick question: what is the roi"),
        ("Good morning all! How do I pitch the board? Cheers", "How do I pitch the board"),
        ("how much does a VP make per year? thanks in advance!", "how much does a VP make per year"),
        ("How do I get more budget? any advice appreciated!", "How do I get more budget"),
        ("how do i negotiate equity, thanks", "how do i negotiate equity"),
        ("what kpis matter? would really appreciate any pointers", "what kpis matter"),
        ("Which option is best. Best, Sam", "Which option is best"),
        ("hello evalbot, equity tips thx", "equity tips"),
    ],
)
def test_courtesy_around_a_question_is_dropped(text, ask):
    """The greeting before and the thanks or sign-off after go; the question stays, case and all."""
    assert trim_courtesy(text) == ask


@pytest.mark.parametrize(
    "text",
    [
        "what is best",                      # "best" is a sign-off only after punctuation
        "morning standups eat my eval time",  # "morning" greets only when punctuation follows
        "any thoughts on equity",            # asking for thoughts is the ask, not a sign-off
        "hi",                                # nothing left: the greeting is the message
        "thanks",
    ],
)
def test_words_that_only_look_like_courtesy_are_kept(text):
    """Ordinary words and courtesy-only messages come back unchanged."""
    assert trim_courtesy(text) == text


@pytest.mark.parametrize(
    ("sentence", "courtesy"),
    [
        ("thanks in advance!", True),
        ("Any advice appreciated!", True),
        ("Hope you're well.", True),
        ("hey there", True),
        ("great, that helped", False),  # two reactions in one sentence: left to the matcher
        ("thank you so much", True),
        ("Sorry for the long post.", True),
        ("That's really helpful", True),
        ("thanks for the equity checklist, what about vesting?", False),
        ("how do I thank my team", False),
    ],
)
def test_whole_courtesy_sentences_are_recognised(sentence, courtesy):
    """A sentence that is only a greeting, thanks, sign-off or reaction is courtesy; one with an ask is not."""
    assert is_courtesy(sentence) is courtesy
