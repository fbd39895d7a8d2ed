"""Hostile Slack text, fuzz settings and the invariants every reply must keep.

Imported by the fuzz tests (pytest puts this folder on `sys.path`). Budgets: each
property states its example count; `EVALBOT_FUZZ_SCALE` multiplies them all
(e.g. `EVALBOT_FUZZ_SCALE=10` for a long local run).
"""

import json
import os
import re
from collections.abc import Iterator
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# Slack's limits on what a user can send.
SLASH_MAX = 4_000
MESSAGE_MAX = 40_000

# Slack's Block Kit limits.
MAX_BLOCKS = 50
MAX_SECTION_TEXT = 3_000
MAX_HEADER_TEXT = 150
MAX_BUTTON_TEXT = 75
MAX_FIELDS = 10
MAX_FIELD_TEXT = 2_000
MAX_ACTION_ELEMENTS = 25
MAX_CONTEXT_ELEMENTS = 10
MAX_ACTION_ID = 255
MAX_BUTTON_VALUE = 2_000
MAX_FALLBACK_TEXT = 40_000

BLOCK_TYPES = frozenset({"header", "section", "actions", "context", "divider", "image", "input", "rich_text"})


def fuzz_settings(examples: int) -> settings:
    """Settings for one fuzz property: `examples` (times the scale), no deadline, big inputs allowed."""
    scale = float(os.environ.get("EVALBOT_FUZZ_SCALE", "1"))
    return settings(
        max_examples=max(1, int(examples * scale)),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
    )


# ---------------------------------------------------------------------------
# Strategies
# ---------------------------------------------------------------------------

BROADCASTS = ("<!channel>", "<!here>", "<!everyone>", "<!channel|@channel>", "<!here|here>")
MENTIONS = ("<@U123>", "<@U123|bob>", "<@W0ABCDEF>", "<#C123|general>", "<#C123>", "<!subteam^S123|@team>",
            "<!date^1392734382^{date}|Feb 18>", "<https://evil.example/x|click me>", "<mailto:a@b.c|mail>",
            "<https://example.com>", "<tel:123>", "<@U123", "<!channel", "<>", "< >", "<<!here>>")
ENTITIES = ("&lt;", "&gt;", "&amp;", "&lt;!channel&gt;", "&amp;lt;!here&amp;gt;", "&lt;@U123&gt;", "&", "&#60;",
            "&quot;", "&nbsp;")
# (expression, what it would render to if evaluated). The marker is checked in every reply.
# Markers are strings no calculator or knowledge entry could produce by itself.
TEMPLATE_CANARIES = (
    ("{{ 'pw' ~ 'nzq' }}", "pwnzq"),
    ("{{ 'Xq'*3 }}", "XqXqXq"),
    ("{{ 'vnrq'|reverse }}", "qrnv"),
    ("{{ self }}", "TemplateReference"),
    ("{{ lipsum(1) }}", "Lorem ipsum"),
    ("{% for i in range(3) %}QzQ{% endfor %}", "QzQQzQ"),
    ("{{ range(3)|list }}", "[0, 1, 2]"),
    ("{{ cycler.__init__.__globals__ }}", "__builtins__"),
    ("{{ ''.__class__.__mro__ }}", "<class"),
)
TEMPLATE_BITS = ("{{ 7*7 }}", "{{7*7}}", "{% raw %}", "{% endraw %}", "{%", "%}", "{{", "}}", "{#", "#}",
                 "{{ config }}", "{{ request }}", "${7*7}", "#{7*7}", "<%= 7*7 %>", "{{ x", "{% if %}",
                 *(expr for expr, _ in TEMPLATE_CANARIES))
TOOL_WORDS = ("roi", "ROI", "npv", "ci", "wilson", "team-cost", "team_cost", "confidence-interval", "template",
              "templates", "templte", "draft", "checklist", "cheklist", "checklists", "help", "topics", "menu",
              "list", "commands", "roi:", "Template", "HELP")
NAMES = ("board-pitch", "bord-pitch", "budget-pitch", "exec-update", "monthly-update", "early-warning",
         "promotion-case", "scaling-proposal", "eval-result", "negotiation", "equity", "promotion", "decision",
         "managing-up", "budget-consensus", "exec-communication", "the board pitch", "nonexistent-thing")
KEYS = ("cost", "benefit", "incidents", "incident_cost", "incident-cost", "Incident-Cost", "upfront", "years",
        "rate", "current", "target", "cost_per_head", "accuracy", "correct", "n", "confidence", "name",
        "company", "period", "risk", "metric", "x", "a1", "k")
ODD_VALUES = ("2M", "$1.5M", "750k", "1,200,000", "2 million", "10%", "0.1", "0", "-0", "-5", "1e308", "1e309",
              "-1e309", "1e-320", "NaN", "nan", "inf", "-inf", "Infinity", "9" * 400, "0x10", "1_000", "１２３",
              "٣", "½", "²", "1..2", "..", ".", "$", "%", "%%", "$-1M", "M", "k", "1MM", "100%", "101%", "-10%",
              "1e3%", "0.0000001", "99999999999999999999999999999", "2,", ",2", "3.", "3,5", "  ",
              "\"quoted value\"", "'single'", "\"\"", "''", "\"unterminated", "=", "==", "a=b", "<!channel>",
              "&lt;!here&gt;", "{{ 7*7 }}", "\"{{ 7*7 }}\"", "'{% raw %}'", "\x00", "\u202e", "💥", ":tada:",
              "1 000 000", "1\u00a0000", "True", "None", "[]", "{}", "()", "1/0", "__import__('os')")
ODD_CHARS = ("\x00", "\x01", "\x07", "\x08", "\x1b[31m", "\x7f", "\x85", "\u00a0", "\u2028", "\u2029", "\u200b",
             "\u200d", "\u202e", "\u2066", "\ufeff", "\ufffd", "\ufffe", "\r", "\n", "\r\n", "\t", "\v", "\f",
             "İ", "ẞ", "ß", "ﬃ", "Σ", "ς", "ǅ", "１", "٣", "👩‍💻", "🏳️‍🌈", "💥", "\U0001f600", "\U0010ffff",
             "e\u0301", "\u0300", "𝓻𝓸𝓲")
EMOJI_CODES = (":tada:", ":+1:", ":+1::skin-tone-2:", ":white_check_mark:", ":x:", "::", ":", ":a b:",
               ":100:", ":eval-bot:")
MARKUP = ("*bold*", "_it_", "~strike~", "`code`", "```block```", ">quote", ">>>", "*", "_", "`", "```",
          "\\", "\\n", "|", "||", "\"", "'", "’", "“", "”")
PHRASES = ("what is the roi of eval", "how do I pitch the board", "we spend 2M and prevent 10 incidents at 1M each",
           "how do I negotiate equity", "hello", "thanks!", "what's the weather", "help me", "draft a board pitch",
           "checklist for promotion", "accuracy 92% on 500 samples", "how big should my eval team be",
           "roi of eval is hard to explain", "template", "checklist", "")

FRAGMENTS = (*BROADCASTS, *MENTIONS, *ENTITIES, *TEMPLATE_BITS, *TOOL_WORDS, *NAMES, *ODD_CHARS, *EMOJI_CODES,
             *MARKUP, *PHRASES)


def _pair(key: str, value: str, quote: str) -> str:
    return f"{key}={quote}{value}{quote}"


pairs = st.builds(
    _pair,
    st.sampled_from(KEYS) | st.text(alphabet="abcXYZ_-019", min_size=1, max_size=8),
    st.sampled_from(ODD_VALUES) | st.text(max_size=12),
    st.sampled_from(("", "", "\"", "'")),
)

words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12)
# Weighted towards the hostile list; every branch is cheap to draw (generation dominates fuzz time).
fragments = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.sampled_from(FRAGMENTS),
    st.sampled_from(FRAGMENTS),
    pairs,
    words,
    st.text(max_size=12),
    st.characters(codec="utf-8").map(str),
)
SEPARATORS = (" ", " ", " ", "", "\n", "  ", "=", ",", "\t", "\r\n")


@st.composite
def hostile_text(draw: st.DrawFn, max_size: int = MESSAGE_MAX) -> str:
    """A message mixing mentions, entities, template syntax, commands, pairs and odd unicode."""
    parts = draw(st.lists(fragments, max_size=16))
    return draw(st.sampled_from(SEPARATORS)).join(parts)[:max_size]


@st.composite
def commands(draw: st.DrawFn, max_size: int = SLASH_MAX) -> str:
    """A command-shaped message: a tool word, maybe a name, then pairs and hostile bits."""
    head = draw(st.sampled_from(TOOL_WORDS))
    name = draw(st.sampled_from(("",) + NAMES))
    tail = draw(st.lists(pairs | st.sampled_from(FRAGMENTS), max_size=8))
    lead = draw(st.sampled_from(("", "<@U0BOT> ", "  ", ":robot_face: ", "*", "<@U0BOT|evalbot> ")))
    return (lead + " ".join([head, name, *tail]))[:max_size]


@st.composite
def huge_text(draw: st.DrawFn, max_size: int = MESSAGE_MAX) -> str:
    """Text near or over Slack's limit, built by repeating a hostile chunk (cheap to generate)."""
    chunk = draw(hostile_text(max_size=400)) or "x"
    # Shrinks towards the smallest size, so a failure is reported on ~3,000 characters where possible.
    size = draw(st.sampled_from((3_001, 10_000, max_size // 2, max_size - 1, max_size, max_size + 1)))
    return (chunk * (size // len(chunk) + 1))[:size]


def slack_text(max_size: int = MESSAGE_MAX) -> st.SearchStrategy[str]:
    """Anything a user could send, up to `max_size` characters: random, hostile, command-shaped or huge.

    Huge texts are one draw in twelve: a 40,000-character message costs ~0.1-0.4 s to answer.
    """
    return st.one_of(
        st.text(max_size=300),
        st.text(max_size=300),
        st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=500),
        st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=500),
        *[hostile_text(max_size=max_size)] * 5,
        commands(max_size=max_size),
        commands(max_size=max_size),
        huge_text(max_size=max_size),
    )


# ---------------------------------------------------------------------------
# Invariants
# ---------------------------------------------------------------------------

_BROADCAST = re.compile(r"<!(channel|here|everyone|subteam)", re.IGNORECASE)
_SLACK_MARKUP = re.compile(r"<[@#!]|<(https?|mailto|tel):", re.IGNORECASE)
# Escaped text has every `&` starting an entity: a bare `&` was not escaped, a cut one was split.
_BROKEN_ENTITY = re.compile(r"&(?!amp;|lt;|gt;)")


def texts_of(blocks: list[dict]) -> Iterator[tuple[str, str]]:
    """Every (type, text) pair in `blocks`: "mrkdwn" or "plain_text" and the string."""
    for block in blocks:
        yield from _texts(block)


def _texts(node: Any) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        if node.get("type") in ("mrkdwn", "plain_text") and isinstance(node.get("text"), str):
            yield node["type"], node["text"]
        for value in node.values():
            yield from _texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from _texts(value)


def assert_safe_text(text: str, where: str, *, escaped: bool = True) -> None:
    """No broadcast, mention or link markup; with `escaped`, no raw `<`/`>` and every `&` an entity."""
    assert not _BROADCAST.search(text), f"raw broadcast in {where}: {text[:200]!r}"
    assert not _SLACK_MARKUP.search(text), f"raw Slack markup in {where}: {text[:200]!r}"
    if escaped:
        assert "<" not in text and ">" not in text, f"unescaped angle bracket in {where}: {text[:200]!r}"
        broken = _BROKEN_ENTITY.search(text)
        assert not broken, f"a bare or cut `&` in {where}: {text[max(0, broken.start() - 40):broken.end() + 40]!r}"


def assert_valid_blocks(blocks: list[dict]) -> None:
    """`blocks` is a message Slack accepts: the limits of Block Kit, and nothing user-typed can ping."""
    assert isinstance(blocks, list) and 1 <= len(blocks) <= MAX_BLOCKS, f"{len(blocks)} blocks"
    json.dumps(blocks)  # serialisable as Slack receives it
    for block in blocks:
        kind = block["type"]
        assert kind in BLOCK_TYPES, kind
        if kind == "header":
            text = block["text"]
            assert text["type"] == "plain_text"
            assert 1 <= len(text["text"]) <= MAX_HEADER_TEXT, len(text["text"])
        elif kind == "section":
            assert "text" in block or "fields" in block, block
            if "text" in block:
                assert 1 <= len(block["text"]["text"]) <= MAX_SECTION_TEXT, len(block["text"]["text"])
            fields = block.get("fields", [])
            assert len(fields) <= MAX_FIELDS, len(fields)
            for field in fields:
                assert 1 <= len(field["text"]) <= MAX_FIELD_TEXT, len(field["text"])
        elif kind == "actions":
            elements = block["elements"]
            assert 1 <= len(elements) <= MAX_ACTION_ELEMENTS, len(elements)
            action_ids = [element.get("action_id") for element in elements]
            assert len(set(action_ids)) == len(action_ids), action_ids
            for element in elements:
                if element["type"] == "button":
                    assert 1 <= len(element["text"]["text"]) <= MAX_BUTTON_TEXT, element["text"]["text"]
                    assert len(element.get("value", "")) <= MAX_BUTTON_VALUE
                    assert len(element.get("action_id", "")) <= MAX_ACTION_ID
        elif kind == "context":
            elements = block["elements"]
            assert 1 <= len(elements) <= MAX_CONTEXT_ELEMENTS, len(elements)
            for element in elements:
                assert 1 <= len(element.get("text", "x")) <= MAX_SECTION_TEXT
    for kind, text in texts_of(blocks):
        # mrkdwn is fully escaped; plain_text is shown literally but must not carry mention markup either.
        assert_safe_text(text, f"a {kind} block text", escaped=kind == "mrkdwn")


def assert_valid_message(payload: dict) -> None:
    """A JSON reply (as `evalbot ask --json` prints it): keys, confidence, fallback text and blocks."""
    assert {"intent", "confidence", "text", "blocks"} <= payload.keys(), sorted(payload)
    assert isinstance(payload["intent"], str) and payload["intent"]
    assert 0.0 <= payload["confidence"] <= 1.0, payload["confidence"]
    text = payload["text"]
    assert isinstance(text, str) and 1 <= len(text) <= MAX_FALLBACK_TEXT, len(text)
    assert_safe_text(text, "the fallback text")
    assert_valid_blocks(payload["blocks"])


def assert_no_template_evaluated(message: str, *outputs: str) -> None:
    """No template canary in `message` was evaluated: its result shows up in no output."""
    for expression, marker in TEMPLATE_CANARIES:
        if marker in message:
            continue
        for output in outputs:
            assert marker not in output, f"{expression!r} was evaluated to {marker!r}"
