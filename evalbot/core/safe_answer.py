"""Answering without ever failing the user: an unexpected error becomes an apology quoting a reference id.

The reference is the short code a user can quote, and that finds the traceback in the logs.
Every front end (the terminal, Slack) answers through here.
"""

import logging
import uuid

from evalbot.core.brain import Brain
from evalbot.core.reply import OUT_OF_SCOPE, Reply, ReplyKind, Section

log = logging.getLogger("evalbot.cli")


def new_reference() -> str:
    return uuid.uuid4().hex[:10]


def apology(reference: str) -> Reply:
    return Reply(
        intent=OUT_OF_SCOPE,
        kind=ReplyKind.ERROR,
        confidence=0.0,
        title="Sorry, something went wrong on my side",
        sections=[Section(text=f"Please try again. If it keeps happening, quote reference `{reference}`.")],
        reference=reference,
    )


def logged_apology() -> Reply:
    """Inside an `except` block: log the traceback with a new reference, and the apology quoting it."""
    reference = new_reference()
    log.exception("unexpected error answering a message", extra={"reference": reference})
    return apology(reference)


def answer_safely(brain: Brain, text: str) -> Reply:
    """Answer `text`; an unexpected failure becomes an apology, its traceback logged with a reference."""
    try:
        return brain.answer(text)
    except Exception:
        return logged_apology()
