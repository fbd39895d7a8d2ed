"""Fuzzing the renderers with arbitrary replies: Block Kit and fallback text within limits, always escaped."""

import json

from fuzz_strategies import assert_safe_text, assert_valid_blocks, fuzz_settings, hostile_text
from hypothesis import example, given
from hypothesis import strategies as st

from evalbot.core.reply import Choice, Fact, InputProblem, Reply, ReplyKind, Section
from evalbot.rendering.block_kit import fallback_text, render_blocks
from evalbot.rendering.plain_text import render_text

# Short hostile text, or the same repeated up to ~8,000 characters (past every Slack limit, cheaply).
_short = hostile_text(max_size=300)
_long = st.builds(lambda chunk, times: (chunk or "&<x>") * times, hostile_text(max_size=200), st.integers(1, 60))
texts = st.one_of(_short, _short, st.text(max_size=80), _long)
labels = st.one_of(_short, st.text(min_size=1, max_size=120))
choices = st.builds(Choice, intent=st.sampled_from(["roi", "board-pitch", "x" * 300]) | st.text(max_size=40),
                    label=labels)

replies = st.builds(
    Reply,
    intent=st.sampled_from(["out-of-scope", "roi", "template:board-pitch"]) | st.text(max_size=30),
    kind=st.sampled_from(list(ReplyKind)),
    confidence=st.floats(0.0, 1.0),
    title=texts,
    sections=st.lists(st.builds(Section, heading=st.none() | texts, text=texts), max_size=70),
    facts=st.lists(st.builds(Fact, label=labels, value=texts), max_size=35),
    items=st.lists(texts, max_size=80),
    draft=st.none() | texts,
    citation=st.none() | texts,
    related=st.lists(choices, max_size=30),
    did_you_mean=st.lists(choices, max_size=30),
    problem=st.none() | st.builds(InputProblem, message=texts),
    form=st.none() | st.sampled_from(["roi", "npv"]) | st.text(max_size=40),
    reference=st.none() | st.text(max_size=20),
)

_HOSTILE = "<!channel> <!here> <!everyone> <@U123> & &amp; &lt; {{ 7*7 }} "


@fuzz_settings(500)
@given(reply=replies)
@example(Reply(intent="x", kind=ReplyKind.TOPIC, confidence=0.5, title=_HOSTILE * 10,
               sections=[Section(heading=_HOSTILE, text=_HOSTILE * 200)] * 60,
               facts=[Fact(label=_HOSTILE, value=_HOSTILE * 100)] * 25, items=[_HOSTILE] * 300,
               draft=_HOSTILE * 300, citation=_HOSTILE * 100,
               related=[Choice(intent="roi", label=_HOSTILE * 3)] * 30,
               did_you_mean=[Choice(intent="roi", label=_HOSTILE)] * 30, form="roi", reference="<!here>"))
@example(Reply(intent="x", kind=ReplyKind.TOPIC, confidence=0.0, title="", sections=[Section(text=" \n ")],
               draft="\n", items=["", " "]))
def test_render_blocks_within_limits_and_escaped(reply):
    """Any Reply becomes at most 50 blocks within every Block Kit limit, with user text escaped."""
    blocks = render_blocks(reply)
    assert_valid_blocks(blocks)
    json.dumps(blocks)


@fuzz_settings(500)
@given(reply=replies)
def test_fallback_text_within_limits_and_escaped(reply):
    """The notification text is never empty, at most 3,000 characters, and escaped."""
    text = fallback_text(reply)
    assert 1 <= len(text) <= 3000, len(text)
    assert_safe_text(text, "the fallback text")


@fuzz_settings(300)
@given(reply=replies, width=st.sampled_from([20, 40, 88, 200]))
def test_render_text_is_total(reply, width):
    """The terminal renderer prints any Reply as text ending in one newline."""
    text = render_text(reply, width=width)
    assert isinstance(text, str) and text.endswith("\n") and not text.endswith("\n\n")
