"""Slack escaping: the one place where text becomes safe to show in Slack."""


def escape_mrkdwn(text: str) -> str:
    """Escape `&`, `<` and `>` so nothing a user typed can ping, link or format a mention.

    `<!channel>` becomes `&lt;!channel&gt;`, which Slack shows literally.
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# "&amp;" last: Slack sends a typed "&lt;" as "&amp;lt;", which must stay "&lt;".
_ENTITIES = {"&lt;": "<", "&gt;": ">", "&amp;": "&"}


def unescape_slack(text: str) -> str:
    """Undo Slack's HTML-style escaping of &, < and > (the inverse of `escape_mrkdwn`)."""
    for entity, char in _ENTITIES.items():
        text = text.replace(entity, char)
    return text
