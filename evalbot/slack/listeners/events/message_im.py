"""A direct message to evalbot: answer in the DM (in its thread, if it was written in one)."""

from evalbot.slack.answering import answer_message
from evalbot.slack.conversation import conversation_key
from evalbot.slack.delivery import post_message
from evalbot.slack.deps import deps_of
from evalbot.slack.filters import from_a_person


def answer_direct_message(event, context, client) -> None:
    if event.get("channel_type") != "im" or not from_a_person(event, bot_user_id=context.get("bot_user_id")):
        return
    team = event.get("team") or context.get("team_id")
    answer = answer_message(deps_of(context), event["text"], user=event["user"], team=team,
                            conversation=conversation_key(event, team=team))
    post_message(client, channel=event["channel"], thread_ts=event.get("thread_ts"), message=answer)
