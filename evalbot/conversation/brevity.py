"""The short and the full version of an answer, for "shorter" and "more"."""

from evalbot.core.reply import Reply, Section

# The most checklist items the short version keeps.
SHORT_ITEMS = 3
MORE_HINT = "Say `more` for the full answer."


def shorter(reply: Reply) -> Reply:
    """`reply` cut to its lead (or opening section), its figures and first few items; the rest is a `more` away.

    A draft is kept whole: half a draft is no use to paste.
    """
    hidden = len(reply.sections) > 1 or len(reply.items) > SHORT_ITEMS or reply.related or reply.lead
    if not hidden:
        return reply
    opening = [] if reply.lead else reply.sections[:1]
    return reply.model_copy(update={
        "sections": [*opening, Section(text=MORE_HINT)],
        "items": reply.items[:SHORT_ITEMS],
        "related": [],
        "did_you_mean": [],
    })
