"""Fuzzing the brain end to end: any text in, a Reply out that renders safely within Slack's limits."""

import json
import time

import pytest
from fuzz_strategies import (
    KEYS,
    NAMES,
    ODD_VALUES,
    SLASH_MAX,
    TEMPLATE_CANARIES,
    assert_no_template_evaluated,
    assert_valid_message,
    commands,
    fuzz_settings,
    huge_text,
    slack_text,
    texts_of,
)
from hypothesis import example, given
from hypothesis import strategies as st

from evalbot.core.reply import OUT_OF_SCOPE, Reply
from evalbot.errors import CommandError
from evalbot.rendering.json_view import reply_json
from evalbot.rendering.plain_text import render_text


def check_reply(brain, message: str, reply: Reply) -> dict:
    """Every invariant of one reply, as Slack and the terminal would show it; returns the JSON view."""
    assert isinstance(reply, Reply), type(reply)
    assert 0.0 <= reply.confidence <= 1.0
    assert reply.intent == OUT_OF_SCOPE or brain.knowledge.get(reply.intent) is not None, reply.intent
    assert reply.reference is None, "an expected input produced an unexpected-error reply"
    payload = reply_json(reply)
    assert_valid_message(payload)
    terminal = render_text(reply)
    assert isinstance(terminal, str) and terminal.endswith("\n")
    assert_no_template_evaluated(message, json.dumps(payload, ensure_ascii=False), terminal)
    return payload


@fuzz_settings(400)
@given(text=slack_text())
@example("<!channel> <!here> <!everyone> what is the roi of eval?")
@example("&lt;!channel&gt; &amp;lt;!here&amp;gt; help")
@example("template board-pitch company=\"{{ 7*7 }}\" risk='{% raw %}'")
@example("roi cost=1e309 benefit=NaN")
@example("roi cost=2M cost=3M")
@example("")
def test_answer_any_message(brain, text):
    """Any message up to 40,000 characters gets a safe Reply; no exception escapes Brain.answer."""
    check_reply(brain, text, brain.answer(text))


@fuzz_settings(20)
@given(text=huge_text())
def test_answer_huge_message(brain, text):
    """Messages at and past Slack's 40,000-character limit get a safe Reply too."""
    check_reply(brain, text, brain.answer(text))


@fuzz_settings(300)
@given(text=commands())
@example("checklist <!channel>")
@example("template <@U123> name=<!here>")
@example("ci accuracy=101% n=0 confidence=1")
@example("npv years=100000 rate=-100%")
@example("team-cost current=1e308 target=-1e308 cost_per_head=1e308")
def test_answer_command_shaped(brain, text):
    """Slash-command text (up to 4,000 characters) naming a tool gets a Reply or our error reply."""
    check_reply(brain, text, brain.answer(text))


@fuzz_settings(300)
@given(
    intent=st.sampled_from(["roi", "npv", "team-cost", "confidence-interval", "help", "topics", "x", "",
                            "negative:everyday", "template:board-pitch", "checklist:equity", "<!channel>"])
    | st.text(max_size=30),
    args=st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=10),
                         st.sampled_from(ODD_VALUES) | st.text(max_size=40), max_size=6),
)
def test_answer_intent_any_args(brain, intent, args):
    """Buttons and forms: any intent id and inputs give a Reply, or our CommandError for an unknown id."""
    try:
        reply = brain.answer_intent(intent, args=args)
    except CommandError as e:
        assert e.message
        return
    check_reply(brain, json.dumps(args), reply)


@pytest.mark.parametrize("intent", ["roi", "npv", "team-cost", "confidence-interval"])
@fuzz_settings(100)
@given(data=st.data())
def test_every_intent_any_args(brain, intent, data):
    """Each calculator answers any inputs from a form with figures or a clear problem."""
    if brain.knowledge.get(intent) is None:
        pytest.skip(f"{intent} is not in the knowledge base yet")
    keys = st.sampled_from(KEYS)
    args = data.draw(st.dictionaries(keys, st.sampled_from(ODD_VALUES) | st.text(max_size=20), max_size=6))
    check_reply(brain, json.dumps(args), brain.answer_intent(intent, args=args))


def shown_text(reply: Reply) -> str:
    """Everything a person reads: the fallback text, every block text and the terminal text (no scores)."""
    payload = reply_json(reply)
    return "\n".join([payload["text"], *(text for _, text in texts_of(payload["blocks"])), render_text(reply)])


def _tool_lines(brain) -> list[str]:
    """A command for every template and checklist in the knowledge base, plus each calculator."""
    names = [entry_id.partition(":")[2] for entry_id in brain.knowledge.entries if ":" in entry_id
             and entry_id.split(":")[0] in ("template", "checklist")]
    lines = [f"template {name}" for name in names] + [f"checklist {name}" for name in names]
    return lines + ["roi", "npv", "team-cost", "ci", "template", "checklist", *(f"template {n}" for n in NAMES)]


@fuzz_settings(150)
@given(data=st.data())
def test_template_expressions_are_never_evaluated(brain, data):
    """`{{ 7*7 }}` in any input of any tool stays text: it never turns into 49."""
    line = data.draw(st.sampled_from(_tool_lines(brain)))
    keys = data.draw(st.lists(st.sampled_from(KEYS), min_size=1, max_size=4, unique=True))
    quote = data.draw(st.sampled_from(['"', "'"]))
    where = data.draw(st.sampled_from(["value", "prose", "both"]))

    def message(expression: str) -> str:
        pairs = " ".join(f"{key}={quote}{expression}{quote}" for key in keys)
        prose = f"for {expression} please" if where != "value" else ""
        return f"{line} {pairs if where != 'prose' else ''} {prose}".strip()

    seven = shown_text(brain.answer(message("{{ 7*7 }}")))
    eight = shown_text(brain.answer(message("{{ 8*8 }}")))
    assert not ("49" in seven and "49" not in eight), f"{{{{ 7*7 }}}} became 49 in: {message('{{ 7*7 }}')}"
    assert not ("64" in eight and "64" not in seven), f"{{{{ 8*8 }}}} became 64 in: {message('{{ 8*8 }}')}"
    for expression, _ in TEMPLATE_CANARIES:
        text = message(expression)
        reply = brain.answer(text)
        check_reply(brain, text, reply)


# Pathological shapes, each 6,000 characters (Slack allows 40,000 in a message). A linear pass over
# 6,000 characters takes a few milliseconds; the quadratic regexes this found (in inputs/pairs.py
# and routing/normalise.py, since fixed) took 0.4-1 s here and 5-37 s at 40,000.
_SIZE = 6_000
_BUDGET_SECONDS = 0.15
PATHOLOGICAL = {
    "one long word": "a" * _SIZE,
    "long hyphenated word": "a-" * (_SIZE // 2),
    "many mentions, never closed": "<@" * (_SIZE // 2),
    "many broadcasts, never closed": "<!" * (_SIZE // 2),
    "emoji colons": ":a" * (_SIZE // 2),
    "entities": "&amp;lt;" * (_SIZE // 8),
    "spaces around =": "roi a" + " " * _SIZE + "=1",
    "many pairs": "roi " + " ".join(f"k{i}=v" for i in range(_SIZE // 6)),
    "unterminated quotes": "roi " + 'a="' * (_SIZE // 3),
    "many stars": "*a " * (_SIZE // 3),
    "calculator + long word": "roi " + "a" * _SIZE,
    "calculator + long hyphenated word": "roi " + "a-" * (_SIZE // 2),
    "checklist + long word": "checklist " + "x" * _SIZE,
    "template + long word": "template " + "x" * _SIZE,
    "links, never closed": "<https://" * (2 * _SIZE // 9),
    "mailto links, never closed": "<mailto:" * (2 * _SIZE // 8),
    "prose numbers": "we spend " + "1" * _SIZE + " and prevent 10 incidents",
    "prose money list": "we spend " + "2M, " * (_SIZE // 4),
}


@pytest.mark.parametrize("text", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_pathological_input_is_answered_fast(brain, text):
    """No input shape makes routing super-linear: 6,000 characters are answered within 0.15 s."""
    brain.answer("warm up")
    started = time.perf_counter()
    reply = brain.answer(text)
    elapsed = time.perf_counter() - started
    check_reply(brain, text, reply)
    assert elapsed < _BUDGET_SECONDS, f"{elapsed:.2f} s for {len(text)} characters"


@fuzz_settings(150)
@given(text=slack_text(max_size=SLASH_MAX))
def test_answer_is_deterministic(brain, text):
    """The same message gets the same reply twice (no hidden state between messages)."""
    first = reply_json(brain.answer(text))
    second = reply_json(brain.answer(text))
    assert first == second
