"""From what a user typed (or clicked) to a `Reply` and a Slack message, safely."""

import logging

from evalbot.cli.session import answer_safely
from evalbot.core.brain import problem_reply
from evalbot.core.reply import OUT_OF_SCOPE, Reply, ReplyKind, Section
from evalbot.errors import CommandError
from evalbot.rendering.block_kit import fallback_text, render_blocks
from evalbot.slack.deps import Deps

log = logging.getLogger(__name__)


def slow_down(*, burst: int, per_second: float) -> Reply:
    """The polite answer when a user (or a bot loop) sends faster than the limit."""
    return Reply(
        intent=OUT_OF_SCOPE,
        kind=ReplyKind.ERROR,
        confidence=1.0,
        title="One moment, please",
        sections=[
            Section(
                text=(
                    f"You've sent me a lot of messages in a short time. I answer up to {burst} in a row, "
                    f"then {per_second:g} a second. Try again in a few seconds."
                )
            )
        ],
    )


def answer_text(deps: Deps, text: object, *, user: str) -> Reply:
    """Answer free text from `user`, within their rate limit; an unexpected failure becomes an apology."""
    if not deps.limiter.allow(user or "unknown"):
        log.info("rate limited", extra={"user": user})
        return slow_down(burst=deps.limiter.burst, per_second=deps.limiter.per_second)
    return answer_safely(deps.brain, text if isinstance(text, str) else "")


def answer_intent(deps: Deps, intent: str, *, args: dict[str, str] | None = None) -> Reply:
    """Answer a button or menu pick; an unknown intent (a stale button) gets a clear reply."""
    try:
        return deps.brain.answer_intent(intent, args=args)
    except CommandError as e:
        return problem_reply(e)


def message(reply: Reply) -> dict:
    """The `text` + `blocks` of a message presenting `reply`."""
    return {"text": fallback_text(reply), "blocks": render_blocks(reply)}
