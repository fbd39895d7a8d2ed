"""A direct message to evalbot: answered in the DM (in its thread, if it was written in one)."""

from evalbot.slack.answering import Asked
from evalbot.slack.conversation import conversation_key
from evalbot.slack.transport.filters import from_a_person


def direct_message_asked(body: dict, context) -> Asked | None:
    """The question a person's DM asks; None for any other `message` event (channels, bots, edits, joins)."""
    event = body.get("event")
    if not isinstance(event, dict) or event.get("channel_type") != "im":
        return None
    if not from_a_person(event, bot_user_id=context.get("bot_user_id")):
        return None
    return Asked(text=event["text"], user=event["user"], channel=event["channel"], thread_ts=event.get("thread_ts"),
                 team_id=context.get("team_id"), event_id=body.get("event_id"),
                 conversation=conversation_key(event, team=event.get("team") or context.get("team_id")))
