"""A `Reply` as Slack Block Kit, within Slack's limits, with fallback text.

Limits honoured: 50 blocks a message, 3000 characters of section text, 150 of
header text, 75 of button text, 10 fields of 2000 characters a section, 25
elements an actions block.
"""

from collections.abc import Iterator

from evalbot.core.reply import Choice, Reply
from evalbot.rendering.escape import escape_mrkdwn, truncate

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_HEADER = 150
MAX_BUTTON = 75
MAX_FIELDS = 10
MAX_FIELD = 2000
MAX_FALLBACK = 3000
# Buttons whose value is an intent id; the Slack listeners answer them.
PICK_ACTION = "evalbot_pick"
FORM_ACTION = "evalbot_open_form"


def _chunks(text: str, limit: int = MAX_SECTION) -> Iterator[str]:
    """Split on line breaks where possible so no section exceeds `limit` characters."""
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            if current:
                yield current
                current = ""
            yield line[:limit]
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            yield current
            current = line
        else:
            current = candidate
    if current.strip():
        yield current


def _section(text: str) -> list[dict]:
    return [{"type": "section", "text": {"type": "mrkdwn", "text": chunk}} for chunk in _chunks(text)]


def _buttons(picks: list[Choice], *, prefix: str) -> dict:
    return {
        "type": "actions",
        "elements": [
            {
                "type": "button",
                "text": {"type": "plain_text", "text": truncate(choice.label, MAX_BUTTON), "emoji": True},
                "action_id": f"{PICK_ACTION}:{prefix}:{index}",
                "value": choice.intent,
            }
            for index, choice in enumerate(picks[:25])
        ],
    }


def render_blocks(reply: Reply) -> list[dict]:
    """Build the blocks of a Slack message for `reply`, escaped and within limits."""
    esc = escape_mrkdwn
    blocks: list[dict] = [
        {"type": "header", "text": {"type": "plain_text", "text": truncate(reply.title, MAX_HEADER), "emoji": True}}
    ]
    for section in reply.sections:
        text = f"*{esc(section.heading)}*\n{esc(section.text)}" if section.heading else esc(section.text)
        blocks += _section(text)
    for start in range(0, len(reply.facts), MAX_FIELDS):
        fields = [
            {"type": "mrkdwn", "text": truncate(f"*{esc(f.label)}*\n{esc(f.value)}", MAX_FIELD)}
            for f in reply.facts[start : start + MAX_FIELDS]
        ]
        blocks.append({"type": "section", "fields": fields})
    if reply.items:
        blocks += _section("\n".join(f"☐ {esc(item)}" for item in reply.items))
    if reply.draft:
        blocks += _section(f"```{esc(reply.draft.strip())}```" if len(reply.draft) < MAX_SECTION - 6 else esc(reply.draft))
    tail: list[dict] = []
    if reply.form:
        tail.append({
            "type": "actions",
            "elements": [{
                "type": "button",
                "text": {"type": "plain_text", "text": "Open the calculator form"},
                "action_id": FORM_ACTION,
                "value": reply.form,
                "style": "primary",
            }],
        })
    if reply.did_you_mean:
        tail += _section("*Did you mean…*")
        tail.append(_buttons(reply.did_you_mean, prefix="dym"))
    if reply.related:
        tail.append(_buttons(reply.related, prefix="rel"))
    context = [esc(reply.citation)] if reply.citation else []
    if reply.reference:
        context.append(f"Reference: `{esc(reply.reference)}`")
    if context:
        tail.append({"type": "context", "elements": [{"type": "mrkdwn", "text": truncate(t, MAX_SECTION)} for t in context]})
    room = MAX_BLOCKS - len(tail)
    if len(blocks) > room:
        blocks = blocks[: room - 1] + _section("_(Shortened to fit in one Slack message.)_")
    return blocks + tail


def fallback_text(reply: Reply) -> str:
    """The notification text Slack shows where blocks cannot be: title plus the first section."""
    parts = [reply.title]
    if reply.sections:
        parts.append(reply.sections[0].text)
    elif reply.facts:
        parts.append(", ".join(f"{f.label}: {f.value}" for f in reply.facts))
    return truncate(escape_mrkdwn(" — ".join(parts)), MAX_FALLBACK)
