"""The Home tab's buttons and menus: the answer arrives in the user's DM with evalbot."""

from evalbot.slack.answering import answer_intent, answer_message, rated_click
from evalbot.slack.deps import deps_of
from evalbot.slack.placement import deliver_to_user, post_to_user, team_of, user_of


def answer_home_pick(ack, body, action, context, client) -> None:
    ack()
    intent = (action.get("selected_option") or {}).get("value") or "help"
    deps = deps_of(context)
    reply = answer_intent(deps, intent)
    deliver_to_user(client, body, reply, finish=rated_click(deps, reply, body, question=reply.title))


def answer_home_command(ack, body, action, context, client) -> None:
    ack()
    answer = answer_message(deps_of(context), str(action.get("value") or "help"), user=user_of(body) or "",
                            team=team_of(body))
    post_to_user(client, body, answer)
