"""The buttons under a folded answer: "More" unfolds it in place; an offer runs its calculation in the thread."""

from evalbot.core.safe_answer import answer_safely
from evalbot.slack.deps import deps_of
from evalbot.slack.placement import deliver_pick


def show_more(ack, body, action, context, client) -> None:
    """Replace the folded answer with the whole of it; the key in the button rebuilds it, no state kept."""
    ack()
    reply = deps_of(context).brain.answer_more(str(action.get("value") or ""))
    deliver_pick(client, body, reply, in_place=True)


def run_offer(ack, body, action, context, client) -> None:
    """Answer the offered command (`roi cost=2M`) below the answer that offered it."""
    ack()
    reply = answer_safely(deps_of(context).brain, str(action.get("value") or "help"))
    deliver_pick(client, body, reply, in_place=False)
