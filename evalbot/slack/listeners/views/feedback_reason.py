"""The 👎 reason modal, submitted: the reason and free text join the vote; the modal closes."""

import logging

from sqlalchemy.exc import SQLAlchemyError

from evalbot.feedback.votes import Reason
from evalbot.rendering.feedback import submitted_reason
from evalbot.slack.deps import deps_of
from evalbot.slack.placement import user_of

log = logging.getLogger(__name__)


def record_reason(ack, body, view, context) -> None:
    ack()
    feedback = deps_of(context).feedback
    ref, reason, comment = submitted_reason(view)
    user = user_of(body)
    if feedback is None or ref is None or not user or (reason is None and comment is None):
        return
    try:
        chosen = Reason(reason) if reason else Reason.OTHER
    except ValueError:
        chosen = Reason.OTHER
    try:
        stored = feedback.votes.give_reason(reply_ref=ref, user_hash=feedback.questions.hash_user(user),
                                            reason=chosen, comment=comment)
    except SQLAlchemyError:
        log.warning("could not store a feedback reason", exc_info=True)
        return
    log.info("feedback reason", extra={"reason": chosen.value, "stored": stored})
