"""The "Share in channel" button of an ephemeral reply, and the shared message's attribution.

The button's value says how to rebuild the answer when it is clicked: `q:` and the
question (escaped, so no raw `<!channel>` ever travels to Slack), or `i:` and an
intent id. A question too long for a button value (2000 characters) gets no button.
"""

import re

from evalbot.core.reply import Reply, ReplyKind
from evalbot.rendering.block_kit import MAX_BLOCKS, MAX_VALUE, button, fallback_text, render_blocks
from evalbot.rendering.escape import unescape_slack
from evalbot.rendering.slack_text import clip, esc, mrkdwn

SHARE_ACTION = "evalbot_share"
# Names the "Shared by" line, so a shared answer that is unfolded (More) keeps it.
ATTRIBUTION_BLOCK = "evalbot_shared_by"
_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,30}$")


def share_value(*, question: str | None = None, intent: str | None = None) -> str | None:
    """The button value for a question or an intent; None when it would not fit."""
    value = f"q:{esc(question)}" if question is not None else f"i:{intent}"
    return value if len(value) <= MAX_VALUE else None


def parse_share_value(value: str) -> tuple[str, str]:
    """(`question` or `intent`, the text) from a button value; unescapes the question."""
    kind, _, rest = value.partition(":")
    if kind == "i":
        return "intent", rest
    return "question", unescape_slack(rest)


def ephemeral_blocks(reply: Reply, *, share: str | None) -> list[dict]:
    """The blocks of a private reply, with the share button when there is a value for it."""
    if share is None:
        return render_blocks(reply)
    share_button = button("Share in channel", action_id=SHARE_ACTION, value=share)
    return [*render_blocks(reply, max_blocks=MAX_BLOCKS - 1), {"type": "actions", "elements": [share_button]}]


def private_message(reply: Reply, *, question: str) -> dict:
    """`text` and `blocks` of a `/evalbot` answer: private, with a button to share it unless it is an error."""
    share = share_value(question=question) if reply.kind is not ReplyKind.ERROR else None
    return {"text": fallback_text(reply), "blocks": ephemeral_blocks(reply, share=share)}


def mention(user_id: str) -> str:
    """`<@U…>` for a well-formed user id; anything else is shown escaped, never as markup."""
    return f"<@{user_id}>" if _USER_ID.match(user_id) else esc(user_id)


def shared_message(reply: Reply, *, user_id: str) -> dict:
    """`text` and `blocks` of a reply shared in a channel, attributed to who shared it."""
    who = mention(user_id)
    attribution = {"type": "context", "block_id": ATTRIBUTION_BLOCK,
                   "elements": [mrkdwn(f"Shared by {who} from `/evalbot`")]}
    blocks = [*render_blocks(reply, max_blocks=MAX_BLOCKS - 1), attribution]
    return {"text": clip(f"{who} shared: {fallback_text(reply)}", 3000), "blocks": blocks}
