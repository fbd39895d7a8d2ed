"""Which events deserve an answer: a person's plain new message, never a bot's, an edit or a system message."""

# A message with a file attached: the text with it is a question like any other.
FILE_SHARE = "file_share"


def from_a_person(event: object, *, bot_user_id: str | None) -> bool:
    """True for a new message a human typed, with or without a file (subtype `file_share`, when it has text).

    False for any other subtype (edits `message_changed`, deletions `message_deleted`,
    joins `channel_join`, `bot_message`, ...), anything carrying `bot_id` or
    `bot_profile` (other bots, and this app), the bot's own user, edited or hidden
    messages, and events without a user or text.
    """
    if not isinstance(event, dict):
        return False
    subtype = event.get("subtype")
    if subtype not in (None, FILE_SHARE) or event.get("bot_id") or event.get("bot_profile"):
        return False
    if subtype == FILE_SHARE and not (isinstance(event.get("text"), str) and event["text"].strip()):
        return False  # a file alone: no question to answer
    if event.get("edited") or event.get("hidden"):
        return False
    user = event.get("user")
    if not isinstance(user, str) or not user or user == bot_user_id:
        return False
    return isinstance(event.get("text"), str) and isinstance(event.get("channel"), str)


def mentions(event: dict, bot_user_id: str | None) -> bool:
    """True when the message @-mentions the bot (Slack then also delivers it as `app_mention`)."""
    return bool(bot_user_id) and f"<@{bot_user_id}" in event.get("text", "")
