"""Which events deserve an answer: a person's plain new message, never a bot's, an edit or a system message."""


def from_a_person(event: object, *, bot_user_id: str | None) -> bool:
    """True for a new message a human typed.

    False for any subtype (edits `message_changed`, deletions `message_deleted`,
    joins `channel_join`, `bot_message`, ...), anything carrying `bot_id` or
    `bot_profile` (other bots, and this app), the bot's own user, edited or hidden
    messages, and events without a user or text.
    """
    if not isinstance(event, dict):
        return False
    if event.get("subtype") or event.get("bot_id") or event.get("bot_profile"):
        return False
    if event.get("edited") or event.get("hidden"):
        return False
    user = event.get("user")
    if not isinstance(user, str) or not user or user == bot_user_id:
        return False
    return isinstance(event.get("text"), str) and isinstance(event.get("channel"), str)
