"""`/evalbot TEXT`: a private answer, with a button to share it in the channel.

The brain answers in milliseconds, so the answer travels in the acknowledgement
itself: one round trip, well inside Slack's 3 seconds, nothing to post afterwards.
"""

from evalbot.core.reply import ReplyKind
from evalbot.rendering.block_kit import fallback_text
from evalbot.rendering.share import ephemeral_blocks, share_value
from evalbot.slack.answering import answer_text
from evalbot.slack.deps import deps_of


def answer_command(ack, command, context) -> None:
    text = command.get("text") if isinstance(command.get("text"), str) else ""
    reply = answer_text(deps_of(context), text, user=command.get("user_id") or "")
    share = share_value(question=text) if reply.kind is not ReplyKind.ERROR else None
    ack(response_type="ephemeral", text=fallback_text(reply), blocks=ephemeral_blocks(reply, share=share))
