"""Slack text within Slack's limits: escaped once, cut without breaking an `&amp;` entity."""

import re

from evalbot.rendering.escape import escape_mrkdwn

# A trailing `&`, `&l`, `&amp` ... left by a cut: the start of an entity without its `;`.
_PARTIAL_ENTITY = re.compile(r"&[a-z]{0,4}$")
ELLIPSIS = "…"


# Escape `&`, `<`, `>` (the only characters Slack needs escaped). An alias: it runs for every string rendered.
esc = escape_mrkdwn


def clip(text: str, limit: int) -> str:
    """Cut already-escaped `text` to at most `limit` characters, never inside an entity."""
    if len(text) <= limit:
        return text
    cut = _PARTIAL_ENTITY.sub("", text[: limit - 1]).rstrip()
    return cut + ELLIPSIS


def _cut_point(text: str, limit: int) -> int:
    """Where to break `text` (longer than `limit`): a line break, else a space, else hard."""
    for separator in ("\n", " "):
        cut = text.rfind(separator, 0, limit + 1)
        if cut >= limit // 2:
            return cut
    cut = limit
    amp = text.rfind("&", cut - 5, cut)
    if amp > 0 and ";" not in text[amp:cut]:
        cut = amp
    return cut


def split(text: str, limit: int) -> list[str]:
    """Split already-escaped `text` into non-blank chunks of at most `limit` characters."""
    chunks: list[str] = []
    while len(text) > limit:
        cut = _cut_point(text, limit)
        head, text = text[:cut].rstrip(), text[cut:].lstrip("\n ")
        if head.strip():
            chunks.append(head)
    if text.strip():
        chunks.append(text)
    return chunks


def plain_text(text: str, limit: int) -> dict:
    """A `plain_text` object: escaped, clipped, never empty."""
    return {"type": "plain_text", "text": clip(esc(text), limit) or "…", "emoji": True}


def mrkdwn(text: str, limit: int = 3000) -> dict:
    """A `mrkdwn` object from already-escaped text, clipped, never empty."""
    return {"type": "mrkdwn", "text": clip(text, limit) if text.strip() else "…"}
