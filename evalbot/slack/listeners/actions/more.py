"""The buttons under a folded answer: "More" unfolds it in place; an offer runs its calculation below it."""

from evalbot.core.safe_answer import answer_safely
from evalbot.rendering.block_kit import MAX_BLOCKS
from evalbot.rendering.share import ATTRIBUTION_BLOCK
from evalbot.slack.answering import kept_feedback, rated_click
from evalbot.slack.deps import deps_of
from evalbot.slack.placement import deliver_pick


def show_more(ack, body, action, context, client) -> None:
    """Replace the folded answer with the whole of it; the button's value rebuilds it, no state kept."""
    ack()
    reply = deps_of(context).brain.answer_more(str(action.get("value") or ""))
    # The same answer, unfolded: its votes (and buttons) stay with it, and so does who shared it.
    deliver_pick(client, body, reply, in_place=True, finish=_unfolded(body))


def _unfolded(body: dict):
    """A `placement.Finish` keeping the folded message's "Shared by" line and feedback buttons."""
    original = body.get("message") if isinstance(body.get("message"), dict) else {}
    blocks = [b for b in original.get("blocks") or [] if isinstance(b, dict)]
    shared_by = [b for b in blocks if b.get("block_id") == ATTRIBUTION_BLOCK]
    keep_votes = kept_feedback(body)
    room = MAX_BLOCKS - 1 - len(shared_by)  # one more for the votes
    return lambda answer: keep_votes({**answer, "blocks": [*answer.get("blocks", [])[:room], *shared_by]})


def run_offer(ack, body, action, context, client) -> None:
    """Answer the offered command (`roi cost=2M`) below the answer that offered it."""
    ack()
    deps, command = deps_of(context), str(action.get("value") or "help")
    reply = answer_safely(deps.brain, command)
    deliver_pick(client, body, reply, in_place=False, finish=rated_click(deps, reply, body, question=command))
