"""Turn a Slack or terminal message into plain lower-case words."""

import re
from functools import lru_cache

from evalbot.rendering.escape import unescape_slack

# Character classes exclude "<" so an unclosed "<https://" cannot scan to the end of
# the text from every opening bracket (quadratic on hostile input).
_MENTION = re.compile(r"<[@#!][^<>]*>")
_MENTION_OPENER = re.compile(r"<(?=[@#!])")
_LINK = re.compile(r"<(https?://|mailto:)[^<>|]*(\|([^<>]*))?>")
_BARE_URL = re.compile(r"https?://\S+")
_EMOJI = re.compile(r":[a-z0-9_+\-']+:")
_MARKUP = re.compile(r"[*_~`>]+")
_NON_WORD = re.compile(r"[^a-z0-9%$.,=\-'\"&/ ]+")
_SPACES = re.compile(r"\s+")


def strip_slack(text: str) -> str:
    """Remove mentions, channel links and emoji codes; keep a link's label; collapse spacing.

    Case and punctuation are kept, so `key=value` arguments survive for the grammar.
    """
    text = _LINK.sub(lambda m: m.group(3) or "", text)
    text = _MENTION.sub(" ", text)
    # A malformed mention ("<@<>") must not survive as one either.
    text = _MENTION_OPENER.sub(" ", text)
    text = unescape_slack(text)
    text = _BARE_URL.sub(" ", text)
    text = _EMOJI.sub(" ", text)
    text = text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """Fold a message to lower-case words for matching."""
    text = strip_slack(text).lower()
    text = _MARKUP.sub(" ", text)
    text = _NON_WORD.sub(" ", text)
    return _SPACES.sub(" ", text).strip()
