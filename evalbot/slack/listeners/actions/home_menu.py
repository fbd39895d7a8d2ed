"""The Home tab's buttons and menus: the answer arrives in the user's DM with evalbot."""

from evalbot.slack.answering import answer_intent, answer_text
from evalbot.slack.deps import deps_of
from evalbot.slack.placement import deliver_to_user


def answer_home_pick(ack, body, action, context, client) -> None:
    ack()
    intent = (action.get("selected_option") or {}).get("value") or "help"
    deliver_to_user(client, body, answer_intent(deps_of(context), intent))


def answer_home_command(ack, body, action, context, client) -> None:
    ack()
    user = (body.get("user") or {}).get("id", "")
    deliver_to_user(client, body, answer_text(deps_of(context), str(action.get("value") or "help"), user=user))
