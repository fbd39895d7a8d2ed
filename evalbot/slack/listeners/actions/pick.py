"""Did-you-mean and related-topic buttons: did-you-mean answers in place, related in the thread."""

from evalbot.slack.answering import answer_intent, rated_click
from evalbot.slack.deps import deps_of
from evalbot.slack.placement import deliver_pick


def answer_pick(ack, body, action, context, client) -> None:
    ack()
    deps = deps_of(context)
    reply = answer_intent(deps, str(action.get("value") or "help"))
    in_place = ":dym:" in str(action.get("action_id", ""))
    deliver_pick(client, body, reply, in_place=in_place, finish=rated_click(deps, reply, body, question=reply.title))
