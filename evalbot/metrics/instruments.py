"""Every metric evalbot keeps. Import this only after `multiprocess.prepare` when serving HTTP.

Module-level objects are prometheus_client's own idiom: a metric is registered once per
process, and its values (in multiprocess mode) live in the worker's file, not here.
"""

from prometheus_client import Counter, Histogram

# Slack waits 3 s for an ack; buckets resolve the fast end and show anything near the limit.
ACK_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0)
# From the delivery to Slack accepting the answer: rate limits stretch this to minutes.
ANSWER_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0, 600.0)

deliveries = Counter("evalbot_deliveries", "Deliveries from Slack, by kind (event type or payload type).",
                     ["kind"])
answers = Counter("evalbot_answers", "Replies composed, by reply kind (topic, calculator, out-of-scope, ...).",
                  ["kind"])
answers_sent = Counter("evalbot_answers_sent", "Answers Slack accepted: from the outbox, or in a command's ack.",
                       ["path"])
unanswered = Counter("evalbot_unanswered", "Questions evalbot could not answer well (out of scope, low "
                     "confidence, or choices offered).")
votes = Counter("evalbot_votes", "👍/👎 votes on answers.", ["vote"])
rate_limited = Counter("evalbot_rate_limited", "Slack's 429 answers to a post (the channel's answers wait).")
expired = Counter("evalbot_expired_answers", "Answers that expired unsent after 10 minutes.")
store_faults = Counter("evalbot_store_faults", "State store faults that refused deliveries or delayed answers.")
handoffs = Counter("evalbot_handoffs", "Questions sent to the experts channel (Ask a person).")
expert_answers = Counter("evalbot_expert_answers", "Experts' replies posted back to the asker.")
ack_seconds = Histogram("evalbot_ack_seconds", "Time to acknowledge a POST /slack/events.", ["status"],
                        buckets=ACK_BUCKETS)
answer_seconds = Histogram("evalbot_answer_seconds", "From a delivery's answer being kept to Slack accepting it.",
                           buckets=ANSWER_BUCKETS)


def _zero_series() -> None:
    """Series that exist before their first count, so a dashboard shows 0 rather than no data."""
    for vote in ("up", "down"):
        votes.labels(vote=vote)
    for path in ("outbox", "command"):
        answers_sent.labels(path=path)


_zero_series()
