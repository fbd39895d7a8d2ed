"""The short and the full version of an answer, for "shorter" and "more"."""

from evalbot.core.reply import Reply, Section

# The most checklist items the short version keeps.
SHORT_ITEMS = 3
MORE_HINT = "Say `more` for the full answer."


def shorter(reply: Reply) -> Reply:
    """`reply` cut to its opening section, its figures and its first few items; the rest is a `more` away.

    A draft is kept whole: half a draft is no use to paste.
    """
    hidden = len(reply.sections) > 1 or len(reply.items) > SHORT_ITEMS or reply.related
    if not hidden:
        return reply
    return reply.model_copy(update={
        "sections": [*reply.sections[:1], Section(text=MORE_HINT)],
        "items": reply.items[:SHORT_ITEMS],
        "related": [],
        "did_you_mean": [],
    })
