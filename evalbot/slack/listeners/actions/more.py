"""The buttons under a folded answer: "More" unfolds it in place; an offer runs its calculation below it."""

from evalbot.core.safe_answer import answer_safely
from evalbot.slack.answering import kept_feedback, rated_click
from evalbot.slack.deps import deps_of
from evalbot.slack.placement import deliver_pick


def show_more(ack, body, action, context, client) -> None:
    """Replace the folded answer with the whole of it; the button's value rebuilds it, no state kept."""
    ack()
    reply = deps_of(context).brain.answer_more(str(action.get("value") or ""))
    # The same answer, unfolded: its votes (and buttons) stay with it.
    deliver_pick(client, body, reply, in_place=True, finish=kept_feedback(body))


def run_offer(ack, body, action, context, client) -> None:
    """Answer the offered command (`roi cost=2M`) below the answer that offered it."""
    ack()
    deps, command = deps_of(context), str(action.get("value") or "help")
    reply = answer_safely(deps.brain, command)
    deliver_pick(client, body, reply, in_place=False, finish=rated_click(deps, reply, body, question=command))
