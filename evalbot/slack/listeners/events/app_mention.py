"""@evalbot in a channel: answered in the message's thread (or the thread it is already in)."""

from evalbot.slack.answering import Asked
from evalbot.slack.conversation import conversation_key
from evalbot.slack.deps import deps_of
from evalbot.slack.transport.filters import from_a_person


def mention_asked(body: dict, context) -> Asked | None:
    """The question a person's mention asks; None for bots, edits, mentions in a DM (`message.im` answers
    those) and in a channel whose rule is `silent`."""
    event = body.get("event")
    if not from_a_person(event, bot_user_id=context.get("bot_user_id")) or event["channel"].startswith("D"):
        return None
    if deps_of(context).channels.silent(event["channel"]):
        return None
    return Asked(text=event["text"], user=event["user"], channel=event["channel"],
                 thread_ts=event.get("thread_ts") or event.get("ts"), team_id=context.get("team_id"),
                 event_id=body.get("event_id"),
                 conversation=conversation_key(event, team=event.get("team") or context.get("team_id")))
