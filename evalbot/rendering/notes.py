"""A short note above a message (a `context` block): why it arrived where it did."""

from evalbot.rendering.block_kit import MAX_BLOCKS
from evalbot.rendering.slack_text import mrkdwn

MAX_CONTEXT_TEXT = 3000


def note_block(text: str) -> dict:
    """A context block of already-escaped mrkdwn `text`."""
    return {"type": "context", "elements": [mrkdwn(text[:MAX_CONTEXT_TEXT])]}


def with_note(message: dict, text: str) -> dict:
    """A copy of `message` opening with the note `text` (already-escaped mrkdwn), within 50 blocks."""
    blocks = list(message.get("blocks") or [])[: MAX_BLOCKS - 1]
    return {**message, "blocks": [note_block(text), *blocks]}


def quiet_channel_note(channel: str) -> str:
    """Why a `/evalbot` answer came in the DM: the channel it was asked in is silent."""
    return f"You asked in <#{channel}>, where evalbot stays quiet, so the answer is here."
