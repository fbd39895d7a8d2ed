"""What every CLI command shares: building the brain and answering safely."""

import logging
import uuid

from evalbot.config import Settings
from evalbot.core.brain import Brain
from evalbot.core.reply import OUT_OF_SCOPE, Reply, ReplyKind, Section

log = logging.getLogger("evalbot.cli")


def build_brain(settings: Settings) -> Brain:
    return Brain.load(overlay_dir=settings.evalbot_knowledge_dir, cache_dir=settings.routing_cache_dir())


def apology(reference: str) -> Reply:
    return Reply(
        intent=OUT_OF_SCOPE,
        kind=ReplyKind.ERROR,
        confidence=0.0,
        title="Sorry, something went wrong on my side",
        sections=[Section(text=f"Please try again. If it keeps happening, quote reference `{reference}`.")],
        reference=reference,
    )


def answer_safely(brain: Brain, text: str) -> Reply:
    """Answer `text`; an unexpected failure becomes an apology, its traceback logged with a reference."""
    try:
        return brain.answer(text)
    except Exception:
        reference = uuid.uuid4().hex[:10]
        log.exception("unexpected error answering a message", extra={"reference": reference})
        return apology(reference)
