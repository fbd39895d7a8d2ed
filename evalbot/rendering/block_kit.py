"""A `Reply` as Slack Block Kit, within Slack's limits, with fallback text.

Limits honoured: 50 blocks a message, 3000 characters of section text, 150 of
header text, 75 of button text, 10 fields of 2000 characters a section, 25
elements an actions block, 2000 characters of button value. Every string that
reaches Slack is escaped (`&`, `<`, `>`), so `<!channel>` typed by a user shows
as text and pings nobody.
"""

from evalbot.core.reply import Choice, Reply, ReplyKind
from evalbot.rendering.slack_text import clip, esc, mrkdwn, plain_text, split

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_HEADER = 150
MAX_BUTTON = 75
MAX_FIELDS = 10
MAX_FIELD = 2000
MAX_ACTIONS = 25
MAX_VALUE = 2000
MAX_FALLBACK = 3000
MAX_CONTEXT_ELEMENTS = 10
# Buttons whose value is an intent id; the Slack listeners answer them.
PICK_ACTION = "evalbot_pick"
FORM_ACTION = "evalbot_open_form"
# "More" unfolds an answer (value: the reply's `more` key); an offer runs its command (value: the command).
MORE_ACTION = "evalbot_more"
OFFER_ACTION = "evalbot_offer"
SHORTENED = "_(Shortened to fit in one Slack message.)_"


def sections(text: str) -> list[dict]:
    """Section blocks for already-escaped mrkdwn, split so none exceeds 3000 characters."""
    return [{"type": "section", "text": mrkdwn(chunk)} for chunk in split(text, MAX_SECTION)]


def button(label: str, *, action_id: str, value: str, style: str | None = None) -> dict:
    element = {
        "type": "button",
        "text": plain_text(label, MAX_BUTTON),
        "action_id": action_id,
        "value": value[:MAX_VALUE],
    }
    if style:
        element["style"] = style
    return element


def _choices(picks: list[Choice], *, prefix: str) -> dict:
    elements = [
        button(choice.label, action_id=f"{PICK_ACTION}:{prefix}:{index}", value=choice.intent)
        for index, choice in enumerate(picks[:MAX_ACTIONS])
    ]
    return {"type": "actions", "elements": elements}


def _draft(draft: str) -> list[dict]:
    # Each chunk is fenced on its own so a long draft stays a code block across sections.
    return [
        {"type": "section", "text": mrkdwn(f"```{chunk}```")} for chunk in split(esc(draft.strip()), MAX_SECTION - 6)
    ]


def _body(reply: Reply) -> list[dict]:
    blocks: list[dict] = []
    if reply.lead:
        blocks += sections(esc(reply.lead))
        if reply.more:
            return blocks  # the rest waits behind the More button
        blocks.append({"type": "divider"})
    for section in reply.sections:
        text = f"*{esc(section.heading)}*\n{esc(section.text)}" if section.heading else esc(section.text)
        blocks += sections(text)
    for start in range(0, len(reply.facts), MAX_FIELDS):
        fields = [
            mrkdwn(f"*{esc(f.label)}*\n{esc(f.value)}", MAX_FIELD) for f in reply.facts[start : start + MAX_FIELDS]
        ]
        blocks.append({"type": "section", "fields": fields})
    if reply.items:
        blocks += sections("\n".join(f"☐ {esc(item)}" for item in reply.items))
    if reply.draft and reply.draft.strip():
        blocks += _draft(reply.draft)
    return blocks


def _next_steps(reply: Reply) -> list[dict]:
    """The More button and the calculations the user's figures can start, in one row."""
    elements = [button("More", action_id=MORE_ACTION, value=reply.more)] if reply.more else []
    elements += [
        button(f"Run {offer.command}", action_id=f"{OFFER_ACTION}:{index}", value=offer.command)
        for index, offer in enumerate(reply.offers[: MAX_ACTIONS - 1])
    ]
    return [{"type": "actions", "elements": elements}] if elements else []


def _tail(reply: Reply) -> list[dict]:
    tail: list[dict] = _next_steps(reply)
    if reply.form:
        label = "Open the calculator form"
        tail.append(
            {"type": "actions", "elements": [button(label, action_id=FORM_ACTION, value=reply.form, style="primary")]}
        )
    if reply.did_you_mean and reply.kind is ReplyKind.CLARIFY:
        tail += sections("\n".join(f"*{number}. {esc(c.label)}*" + (f": {esc(c.gist)}" if c.gist else "")
                                    for number, c in enumerate(reply.did_you_mean, start=1)))
        tail.append(_choices(reply.did_you_mean, prefix="dym"))
    elif reply.did_you_mean:
        tail += sections("*Did you mean…*")
        tail.append(_choices(reply.did_you_mean, prefix="dym"))
    if reply.related and not reply.more:
        tail.append(_choices(reply.related, prefix="rel"))
    context = [esc(reply.citation)] if reply.citation else []
    if reply.reference:
        context.append(f"Reference: `{esc(reply.reference)}`")
    if context:
        tail.append({"type": "context", "elements": [mrkdwn(text) for text in context[:MAX_CONTEXT_ELEMENTS]]})
    return tail


def render_blocks(reply: Reply, *, max_blocks: int = MAX_BLOCKS) -> list[dict]:
    """The blocks of a Slack message for `reply`: escaped, split and cut to `max_blocks`."""
    header = {"type": "header", "text": plain_text(reply.title or "evalbot", MAX_HEADER)}
    body, tail = _body(reply), _tail(reply)
    room = max_blocks - 1 - len(tail)
    if len(body) > room:
        body = body[: room - 1] + sections(SHORTENED)
    return [header, *body, *tail]


def fallback_text(reply: Reply) -> str:
    """Slack's `text`: notifications show its start, screen readers and clients without blocks the rest.

    So it opens with the title and first section, and then carries the whole
    answer (figures, the other sections, checklist items, the draft) in plain form.
    """
    opening = [reply.lead] if reply.lead else [s.text for s in reply.sections[:1]]
    parts = [" — ".join([reply.title, *opening])]
    parts += [f"Try: `{offer.command}`" for offer in reply.offers]
    if reply.facts:
        parts.append("; ".join(f"{f.label}: {f.value}" for f in reply.facts))
    rest = reply.sections if reply.lead else reply.sections[1:]
    parts += [f"{s.heading}: {s.text}" if s.heading else s.text for s in rest]
    parts += [f"• {item}" for item in reply.items]
    if reply.draft:
        parts.append(reply.draft.strip())
    if reply.kind is ReplyKind.CLARIFY:
        parts += [f"{n}. {c.label}" + (f": {c.gist}" if c.gist else "") for n, c in enumerate(reply.did_you_mean, 1)]
    return clip(esc("\n".join(parts)), MAX_FALLBACK) or "evalbot"


def message(reply: Reply) -> dict:
    """The `text` and `blocks` of a message presenting `reply`."""
    return {"text": fallback_text(reply), "blocks": render_blocks(reply)}
