"""Slack escaping: the one place where text becomes safe to show in Slack."""


def escape_mrkdwn(text: str) -> str:
    """Escape `&`, `<` and `>` so nothing a user typed can ping, link or format a mention.

    `<!channel>` becomes `&lt;!channel&gt;`, which Slack shows literally.
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
