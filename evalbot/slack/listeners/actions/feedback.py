"""👍/👎 on an answer: the vote is stored; a 👎 opens a modal asking why (optional), nothing is posted."""

import logging

from sqlalchemy.exc import SQLAlchemyError

from evalbot.feedback.votes import Reason, Vote
from evalbot.metrics import instruments
from evalbot.rendering.feedback import parse_feedback, reason_modal
from evalbot.slack.ask_person.offering import offer_person_after_downvote
from evalbot.slack.deps import deps_of
from evalbot.slack.placement import team_of, user_of

log = logging.getLogger(__name__)
REASONS = [(reason.value, reason.label) for reason in Reason]


def record_vote(ack, body, action, context, client) -> None:
    ack()
    feedback = deps_of(context).feedback
    parsed = parse_feedback(action.get("value"))
    user = user_of(body)
    if feedback is None or parsed is None or not user:
        log.info("feedback click ignored", extra={"reason": "no store" if feedback is None else "malformed"})
        return
    vote, rated = parsed
    try:
        feedback.votes.record(reply_ref=rated.ref, user_hash=feedback.questions.hash_user(user),
                              team_id=team_of(body), vote=Vote(vote),
                              intent=rated.intent, confidence=rated.confidence)
    except SQLAlchemyError:
        log.warning("could not store a vote", exc_info=True, extra={"intent": rated.intent})
        return
    log.info("feedback", extra={"vote": vote, "intent": rated.intent})
    instruments.votes.labels(vote=vote).inc()
    if vote == Vote.DOWN and isinstance(body.get("trigger_id"), str):
        client.views_open(trigger_id=body["trigger_id"], view=reason_modal(rated, REASONS))
    if vote == Vote.DOWN:
        offer_person_after_downvote(deps_of(context), client, body, reply_ref=rated.ref)
