"""Block Kit from any Reply stays within Slack's limits, escaped, with fallback text."""

import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from evalbot.core.reply import Choice, Fact, Reply, ReplyKind, Section
from evalbot.rendering.block_kit import fallback_text, render_blocks
from evalbot.rendering.home import HomeMenu, home_view
from evalbot.rendering.modal import FormField, FormSpec, form_errors, form_view
from evalbot.rendering.share import ephemeral_blocks, parse_share_value, share_value, shared_message

RAW_BROADCAST = re.compile(r"<!(channel|here|everyone)")


def texts(node):
    """Every string under a `text` key, anywhere in a block structure."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "text" and isinstance(value, str):
                yield value
            else:
                yield from texts(value)
    elif isinstance(node, list):
        for item in node:
            yield from texts(item)


def check_limits(blocks: list[dict]) -> None:
    assert 1 <= len(blocks) <= 50
    for block in blocks:
        if block["type"] == "header":
            assert 1 <= len(block["text"]["text"]) <= 150
        if block["type"] == "section":
            if "text" in block:
                assert 1 <= len(block["text"]["text"]) <= 3000 and block["text"]["text"].strip()
            for field in block.get("fields", []):
                assert 1 <= len(field["text"]) <= 2000
            assert len(block.get("fields", [])) <= 10
        if block["type"] == "actions":
            assert 1 <= len(block["elements"]) <= 25
            ids = [e["action_id"] for e in block["elements"]]
            assert len(ids) == len(set(ids))
            for element in block["elements"]:
                if element["type"] == "button":
                    assert 1 <= len(element["text"]["text"]) <= 75 and len(element["value"]) <= 2000
        if block["type"] == "context":
            assert len(block["elements"]) <= 10
    ids = [e["action_id"] for b in blocks if b["type"] == "actions" for e in b["elements"]]
    assert len(ids) == len(set(ids))
    assert not RAW_BROADCAST.search(json.dumps(blocks))


def huge_reply(text: str) -> Reply:
    return Reply(
        intent="board-pitch",
        kind=ReplyKind.TOPIC,
        confidence=0.5,
        title=text * 10,
        sections=[Section(heading=text, text=text * 400) for _ in range(40)],
        facts=[Fact(label=text, value=text * 100) for _ in range(37)],
        items=[text * 30 for _ in range(300)],
        draft=text * 2000,
        citation=text * 500,
        related=[Choice(intent=f"i{n}", label=text * 5) for n in range(40)],
        did_you_mean=[Choice(intent=f"d{n}", label=text * 5) for n in range(30)],
        form="roi",
        reference="abc123",
    )


def test_a_huge_reply_stays_within_every_limit():
    reply = huge_reply("<!channel> & <b>budget</b> ")
    blocks = render_blocks(reply)
    check_limits(blocks)
    assert blocks[0]["type"] == "header" and blocks[-1]["type"] == "context"
    assert "Shortened" in json.dumps(blocks)
    check_limits(ephemeral_blocks(reply, share=share_value(question="x")))
    check_limits(shared_message(reply, user_id="U123")["blocks"])
    assert len(fallback_text(reply)) <= 3000 and not RAW_BROADCAST.search(fallback_text(reply))


def test_long_single_line_splits_without_breaking_entities():
    blocks = render_blocks(
        Reply(intent="x", kind=ReplyKind.TOPIC, confidence=1, title="t", sections=[Section(text="<" * 10_000)])
    )
    check_limits(blocks)
    for text in texts(blocks[1:]):
        assert re.fullmatch(r"(&lt;)+(…)?", text) or text.startswith("_(")


def test_facts_become_fields_and_citation_context():
    reply = Reply(
        intent="roi",
        kind=ReplyKind.CALCULATOR,
        confidence=1,
        title="ROI",
        facts=[Fact(label="ROI", value="5.0x")],
        citation="From the guide: The Pitch",
    )
    blocks = render_blocks(reply)
    assert blocks[1]["fields"][0]["text"] == "*ROI*\n5.0x"
    assert blocks[-1] == {"type": "context", "elements": [{"type": "mrkdwn", "text": "From the guide: The Pitch"}]}


def test_share_value_round_trips_and_is_escaped():
    value = share_value(question="pitch <!channel> & co")
    assert "<" not in value and parse_share_value(value) == ("question", "pitch <!channel> & co")
    assert parse_share_value(share_value(intent="board-pitch")) == ("intent", "board-pitch")
    assert share_value(question="x" * 1999) is None


def test_shared_message_never_makes_markup_of_a_strange_user_id():
    message = shared_message(huge_reply("a"), user_id="<!channel>")
    assert not RAW_BROADCAST.search(json.dumps(message))


def test_modal_and_home_views_are_escaped_and_bounded():
    spec = FormSpec(
        calculator="roi",
        title="A very long calculator title indeed",
        intro="<!here>",
        fields=(FormField(name="cost", label="<!channel>", example="2M", optional=False),),
    )
    view = form_view(spec)
    assert len(view["title"]["text"]) <= 24 and not RAW_BROADCAST.search(json.dumps(view))
    errors = form_errors({"cost": "`<!channel>` isn't money"})
    assert errors["errors"]["field:cost"].startswith("`&lt;!channel&gt;`")
    home = home_view(
        topic_count=3,
        calculator="roi",
        menus=[HomeMenu(name="t", placeholder="p", options=tuple((f"i{n}", "x" * 200) for n in range(150)))],
    )
    menu = next(
        e for b in home["blocks"] if b["type"] == "actions" for e in b["elements"] if e["type"] == "static_select"
    )
    assert len(menu["options"]) == 100 and all(len(o["text"]["text"]) <= 75 for o in menu["options"])


@settings(max_examples=200, deadline=None)
@given(
    title=st.text(max_size=300),
    body=st.text(max_size=5000),
    label=st.text(max_size=120),
    items=st.lists(st.text(max_size=500), max_size=60),
    draft=st.none() | st.text(max_size=8000),
)
def test_any_reply_renders_within_limits(title, body, label, items, draft):
    reply = Reply(
        intent="x",
        kind=ReplyKind.TOPIC,
        confidence=0.5,
        title=title,
        sections=[Section(heading=label or None, text=body)],
        facts=[Fact(label=label, value=body[:3000])],
        items=items,
        draft=draft,
        citation=body or None,
        related=[Choice(intent="a", label=label or "a")],
        did_you_mean=[Choice(intent="b", label=label or "b")],
    )
    check_limits(render_blocks(reply))
    text = fallback_text(reply)
    assert 1 <= len(text) <= 3000 and not RAW_BROADCAST.search(text)
