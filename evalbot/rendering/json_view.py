"""A `Reply` as the JSON object `evalbot ask --json` prints."""

from typing import Any

from evalbot.core.reply import Reply
from evalbot.rendering.block_kit import fallback_text, render_blocks


def reply_json(reply: Reply) -> dict[str, Any]:
    """`intent`, `confidence`, `text` (Slack's fallback text) and `blocks`, plus the full reply."""
    return {
        "intent": reply.intent,
        "confidence": round(reply.confidence, 4),
        "kind": reply.kind.value,
        "title": reply.title,
        "text": fallback_text(reply),
        "blocks": render_blocks(reply),
        "reply": reply.model_dump(mode="json", exclude_none=True),
    }
