"""@evalbot in a channel: answer in the message's thread (or the thread it is already in)."""

from evalbot.slack.answering import answer_message
from evalbot.slack.conversation import conversation_key
from evalbot.slack.delivery import post_message
from evalbot.slack.deps import deps_of
from evalbot.slack.filters import from_a_person


def answer_mention(event, context, client) -> None:
    if not from_a_person(event, bot_user_id=context.get("bot_user_id")):
        return
    if event["channel"].startswith("D"):
        return  # a direct message: `message.im` answers it
    team = event.get("team") or context.get("team_id")
    answer = answer_message(deps_of(context), event["text"], user=event["user"], team=team,
                            conversation=conversation_key(event, team=team))
    post_message(client, channel=event["channel"], thread_ts=event.get("thread_ts") or event.get("ts"), message=answer)
