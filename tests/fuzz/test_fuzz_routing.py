"""Fuzzing the front of the flow: normaliser, grammar, `key=value` parser and matcher."""

import re

from fuzz_strategies import KEYS, MESSAGE_MAX, SLASH_MAX, commands, fuzz_settings, slack_text
from hypothesis import assume, example, given
from hypothesis import strategies as st

from evalbot.core.reply import OUT_OF_SCOPE
from evalbot.errors import CommandError
from evalbot.inputs.pairs import canonical_key, split_pairs
from evalbot.rendering.escape import escape_mrkdwn
from evalbot.routing.grammar import CALCULATOR_ALIASES, Command, Tool, parse_command
from evalbot.routing.normalise import normalise, strip_slack, unescape_slack

_NORMAL_CHARS = re.compile(r"[a-z0-9%$.,=\-'\"&/ ]*")


@fuzz_settings(400)
@given(text=slack_text())
def test_normalise_is_total_and_folded(text):
    """normalise() accepts anything and returns single-spaced lower-case words and a few symbols."""
    folded = normalise(text)
    assert isinstance(folded, str)
    assert _NORMAL_CHARS.fullmatch(folded), folded[:200]
    assert folded == folded.strip() and "  " not in folded
    assert "<" not in folded and ">" not in folded


@fuzz_settings(200)
@given(text=slack_text())
def test_normalise_is_idempotent(text):
    """Normalising twice changes nothing: the matcher sees one canonical form."""
    once = normalise(text)
    assert normalise(once) == once


@fuzz_settings(400)
@given(text=slack_text())
@example("<@U123> <!channel> roi cost=2M")
@example("<https://example.com|label> :tada: hi")
def test_strip_slack_is_total(text):
    """strip_slack() accepts anything; no Slack mention or link markup of the original survives."""
    stripped = strip_slack(text)
    assert isinstance(stripped, str)
    assert stripped == stripped.strip() and not re.search(r"\s\s", stripped)
    # Real markup arrives with `<`; typed angle brackets arrive as `&lt;`. Only the latter may come back.
    assert len(re.findall(r"<[@#!][^>]*>", stripped)) <= text.count("&lt;") + text.count("&amp;lt;")


@fuzz_settings(300)
@given(text=st.text(alphabet="&lt;gt!amp@channel ", max_size=30))
@example("&lt;!channel&gt;")
def test_unescape_undoes_escape(text):
    """What a user typed survives Slack's escaping and our unescaping unchanged (`&amp;lt;` stays `&lt;`)."""
    assert unescape_slack(escape_mrkdwn(text)) == text


def _parse(text: str) -> Command | None | CommandError:
    try:
        return parse_command(text)
    except CommandError as e:
        return e


@fuzz_settings(400)
@given(text=slack_text(max_size=SLASH_MAX) | commands())
def test_parse_command_returns_command_none_or_command_error(text):
    """The grammar gives a Command, None (free text) or our CommandError; nothing else escapes."""
    parsed = _parse(strip_slack(text))
    if isinstance(parsed, CommandError):
        assert parsed.message
        return
    if parsed is None:
        return
    assert isinstance(parsed.tool, Tool)
    if parsed.tool is Tool.CALCULATOR:
        assert parsed.name in CALCULATOR_ALIASES.values()
    for key, value in parsed.args.items():
        assert key == canonical_key(key) and isinstance(value, str)


bare_values = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Z", "Cc"),
                                             blacklist_characters="\"'\u0085\u2028\u2029\x1c\x1d\x1e\x1f"),
                      min_size=1, max_size=15)


@fuzz_settings(400)
@given(
    head=st.sampled_from(sorted(CALCULATOR_ALIASES)),
    given_pairs=st.lists(st.tuples(st.sampled_from(KEYS), bare_values, st.sampled_from(["", '"', "'"])),
                         min_size=1, max_size=6),
)
def test_calculator_pairs_round_trip(head, given_pairs):
    """`roi k=v ...` parses back to exactly the pairs written, or our error when a key repeats differently."""
    text = " ".join([head, *(f"{key}={quote}{value}{quote}" for key, value, quote in given_pairs)])
    expected: dict[str, str] = {}
    conflict = False
    for key, value, quote in given_pairs:
        key, value = canonical_key(key), value.strip()
        if not quote:  # sentence punctuation ending a bare value is not part of it ("spend=1M, and ...")
            value = value.rstrip(",;:!?).") or value
        conflict |= key in expected and expected[key] != value
        expected.setdefault(key, value)
    assume(all(expected.values()))
    parsed = _parse(text)
    if conflict:
        assert isinstance(parsed, CommandError), parsed
        return
    assert isinstance(parsed, Command), parsed
    assert parsed.tool is Tool.CALCULATOR and parsed.name == CALCULATOR_ALIASES[head]
    assert parsed.args == expected


@fuzz_settings(300)
@given(text=slack_text(max_size=SLASH_MAX))
def test_split_pairs_is_total(text):
    """The pair parser gives pairs and leftover words, or our CommandError for a conflicting key."""
    try:
        split = split_pairs(text)
    except CommandError as e:
        assert e.field
        return
    assert "  " not in split.rest and split.rest == split.rest.strip()
    assert all(key == canonical_key(key) for key in split.pairs)


@fuzz_settings(400)
@given(text=slack_text())
def test_matcher_route_is_sane(brain, text):
    """The router decides any normalised text: a known intent or out-of-scope, confidence in 0..1."""
    route = brain.router.route(normalise(text))
    assert 0.0 <= route.confidence <= 1.0, route.confidence
    assert route.intent == OUT_OF_SCOPE or brain.knowledge.get(route.intent) is not None, route.intent
    assert not route.intent.startswith("negative:")
    for candidate in route.candidates:
        assert 0.0 <= candidate.score <= 1.0 and not candidate.intent.startswith("negative:")


@fuzz_settings(200)
@given(text=st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789%$.,=-'\"&/ ", max_size=MESSAGE_MAX // 10))
def test_matcher_route_on_raw_normal_alphabet(brain, text):
    """Text in the normaliser's alphabet but not its shape (double spaces, lone symbols) routes too."""
    route = brain.router.route(text)
    assert 0.0 <= route.confidence <= 1.0
