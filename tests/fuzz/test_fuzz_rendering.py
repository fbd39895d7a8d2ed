"""Fuzzing the renderers with arbitrary replies: Block Kit and fallback text within limits, always escaped."""

import json

from fuzz_strategies import assert_safe_text, assert_valid_blocks, fuzz_settings, hostile_text
from hypothesis import example, given
from hypothesis import strategies as st

from evalbot.core.reply import Choice, Fact, InputProblem, Offer, Reply, ReplyKind, Section
from evalbot.rendering.block_kit import fallback_text, render_blocks
from evalbot.rendering.plain_text import render_text

# Short hostile text, or the same repeated up to ~8,000 characters (past every Slack limit, cheaply).
_short = hostile_text(max_size=300)
_long = st.builds(lambda chunk, times: (chunk or "&<x>") * times, hostile_text(max_size=200), st.integers(1, 60))
texts = st.one_of(_short, _short, st.text(max_size=80), _long)


@st.composite
def replies(draw: st.DrawFn) -> Reply:
    """A Reply of any shape and size. Its strings come from a small drawn pool, so generation stays cheap."""
    pool = draw(st.lists(texts, min_size=1, max_size=5))
    labels = [text or "x" for text in pool]

    def pick(index: int, strings: list[str] = pool) -> str:
        return strings[index % len(strings)]

    def count(most: int) -> int:
        return draw(st.integers(0, most))

    def some(strategy: st.SearchStrategy) -> object:
        return draw(st.none() | strategy)

    def picks(most: int, offset: int) -> list[Choice]:
        intents = ["roi", "board-pitch", "x" * 300, pick(offset)]
        return [Choice(intent=intents[i % 4], label=pick(i + offset, labels)) for i in range(count(most))]

    return Reply(
        intent=draw(st.sampled_from(["out-of-scope", "roi", "template:board-pitch"]) | st.text(max_size=30)),
        kind=draw(st.sampled_from(list(ReplyKind))),
        confidence=draw(st.floats(0.0, 1.0)),
        title=pick(0),
        sections=[Section(heading=pick(i + 1) if i % 3 == 0 else None, text=pick(i + 2)) for i in range(count(70))],
        facts=[Fact(label=pick(i, labels), value=pick(i + 3)) for i in range(count(35))],
        items=[pick(i + 4) for i in range(count(80))],
        draft=some(st.sampled_from(pool)),
        citation=some(st.sampled_from(pool)),
        related=picks(30, 1),
        did_you_mean=picks(30, 2),
        problem=some(st.builds(InputProblem, message=st.sampled_from(pool))),
        form=some(st.sampled_from(["roi", "npv", *pool])),
        reference=some(st.text(max_size=20)),
        lead=some(st.sampled_from(pool)),
        more=some(st.sampled_from(["equity-negotiation#3", *pool])),
        offers=[Offer(command=pick(i + 5), needs=[pick(i + 6)] * (i % 3)) for i in range(count(30))],
    )


_HOSTILE = "<!channel> <!here> <!everyone> <@U123> & &amp; &lt; {{ 7*7 }} "


@fuzz_settings(250)
@given(reply=replies())
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


@fuzz_settings(150)
@given(reply=replies())
def test_fallback_text_within_limits_and_escaped(reply):
    """The notification text is never empty, at most 3,000 characters, and escaped."""
    text = fallback_text(reply)
    assert 1 <= len(text) <= 3000, len(text)
    assert_safe_text(text, "the fallback text")


@fuzz_settings(150)
@given(reply=replies(), width=st.sampled_from([20, 40, 88, 200]))
def test_render_text_is_total(reply, width):
    """The terminal renderer prints any Reply as text ending in one newline."""
    text = render_text(reply, width=width)
    assert isinstance(text, str) and text.endswith("\n") and not text.endswith("\n\n")
