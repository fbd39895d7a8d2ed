"""The buttons under a folded answer: "More" unfolds it in place; an offer runs its calculation below it."""

from evalbot.core.safe_answer import answer_safely
from evalbot.rendering.block_kit import message
from evalbot.slack.delivery import update_message
from evalbot.slack.deps import deps_of
from evalbot.slack.placement import deliver_pick

# The feedback buttons' block type: a vote rates the answer, folded or not, so it stays when unfolding.
FEEDBACK_BLOCK = "context_actions"


def show_more(ack, body, action, context, client) -> None:
    """Replace the folded answer with the whole of it; the button's value rebuilds it, no state kept."""
    ack()
    reply = deps_of(context).brain.answer_more(str(action.get("value") or ""))
    container = body.get("container") if isinstance(body.get("container"), dict) else {}
    original = body.get("message") if isinstance(body.get("message"), dict) else None
    channel, ts = container.get("channel_id"), container.get("message_ts")
    if original is None or container.get("is_ephemeral") or not isinstance(channel, str) or not isinstance(ts, str):
        deliver_pick(client, body, reply, in_place=True)
        return
    unfolded = message(reply)
    kept = [b for b in original.get("blocks") or [] if isinstance(b, dict) and b.get("type") == FEEDBACK_BLOCK]
    update_message(client, channel=channel, ts=ts, message={**unfolded, "blocks": [*unfolded["blocks"], *kept]})


def run_offer(ack, body, action, context, client) -> None:
    """Answer the offered command (`roi cost=2M`) below the answer that offered it."""
    ack()
    reply = answer_safely(deps_of(context).brain, str(action.get("value") or "help"))
    deliver_pick(client, body, reply, in_place=False)
