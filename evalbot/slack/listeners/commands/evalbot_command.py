"""`/evalbot TEXT`: a private answer, with a button to share it in the channel.

The brain usually answers in milliseconds, so the answer travels in the
acknowledgement itself: one round trip, nothing to post afterwards. If it has not
answered within `ACK_BUDGET_SECONDS` (pathological input), the command is
acknowledged with a short note and the answer follows through the `response_url`,
so Slack's 3-second limit holds whatever the text.
"""

from concurrent.futures import TimeoutError as FutureTimeout

from evalbot.core.reply import Reply, ReplyKind
from evalbot.rendering.block_kit import fallback_text
from evalbot.rendering.share import ephemeral_blocks, share_value
from evalbot.slack.answering import answer_text
from evalbot.slack.delivery import respond
from evalbot.slack.deps import deps_of

ACK_BUDGET_SECONDS = 2.0
WORKING = "Working on it…"


def _payload(reply: Reply, text: str) -> dict:
    share = share_value(question=text) if reply.kind is not ReplyKind.ERROR else None
    return {"text": fallback_text(reply), "blocks": ephemeral_blocks(reply, share=share)}


def answer_command(ack, command, context) -> None:
    deps = deps_of(context)
    text = command.get("text") if isinstance(command.get("text"), str) else ""
    pending = deps.workers.submit(answer_text, deps, text, user=command.get("user_id") or "")
    try:
        reply = pending.result(timeout=ACK_BUDGET_SECONDS)
    except FutureTimeout:
        ack(response_type="ephemeral", text=WORKING)
        reply = pending.result()
        if isinstance(command.get("response_url"), str):
            respond(command["response_url"], _payload(reply, text), response_type="ephemeral", replace_original=True)
        return
    ack(response_type="ephemeral", **_payload(reply, text))
