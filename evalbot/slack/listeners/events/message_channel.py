"""A message in a channel whose rule is `all`: answered without a mention, in the message's thread.

Such a channel works like a DM with evalbot: every top-level question gets an answer in its
thread, and a follow-up in that thread (no mention needed) continues the conversation. A
message that mentions evalbot is left to `app_mention`, which Slack delivers as well, so
it is answered once.
"""

from evalbot.slack.answering import Asked
from evalbot.slack.conversation import conversation_key
from evalbot.slack.deps import deps_of
from evalbot.slack.transport.filters import from_a_person, mentions


def in_a_channel(event: dict) -> bool:
    """A public or private channel's message (`message.channels`, `message.groups`), not a DM or group DM."""
    kind = event.get("channel_type")
    if kind is not None:
        return kind in ("channel", "group")
    channel = event.get("channel")
    return isinstance(channel, str) and channel[:1] in ("C", "G")  # an event without its channel_type


def channel_message_asked(body: dict, context) -> Asked | None:
    """The question a person's message in an `all` channel asks; None anywhere else, and for mentions."""
    event = body.get("event")
    if not isinstance(event, dict) or not in_a_channel(event):
        return None
    bot = context.get("bot_user_id")
    if not from_a_person(event, bot_user_id=bot) or mentions(event, bot):
        return None
    if not deps_of(context).channels.answers_everything(event["channel"]):
        return None
    return Asked(text=event["text"], user=event["user"], channel=event["channel"],
                 thread_ts=event.get("thread_ts") or event.get("ts"), team_id=context.get("team_id"),
                 event_id=body.get("event_id"),
                 conversation=conversation_key(event, team=event.get("team") or context.get("team_id")))
