"""Fuzzing conversations: any run of messages after any starting answer, a valid reply every turn, never a crash."""

import json

from fuzz_strategies import assert_valid_message, fuzz_settings, slack_text
from hypothesis import given
from hypothesis import strategies as st

from evalbot.conversation import ConversationState, converse
from evalbot.core.reply import OUT_OF_SCOPE
from evalbot.rendering.json_view import reply_json

# Real openers, so the fuzzed follow-ups land on every kind of state: a waiting calculation, a finished
# one, a topic with a lead, a checklist and a menu with choices, a draft with gaps.
OPENERS = ["roi cost=2M", "roi cost=2M incidents=10 incident_cost=1M", "ci accuracy=92% n=500",
           "npv cost=100K benefit=5M", "what can I negotiate in my equity?", "checklist negotiation", "help",
           "topics", "template budget-pitch cost=2M", "team-cost current=8"]
FOLLOW_UPS = ["benefit is 10M", "what if it were only 5 incidents?", "and at 95% confidence?", "what about 8%?",
              "the first one", "that template", "the equity one", "shorter", "more", "and for a startup?",
              "10M", "benefit=banana", "cost=1e400", "roi cost=2M cost=3M", "number 9", "the last one"]


@fuzz_settings(150)
@given(opener=st.sampled_from(OPENERS),
       messages=st.lists(st.one_of(st.sampled_from(FOLLOW_UPS), slack_text(max_size=200)), min_size=1, max_size=4))
def test_any_follow_up_after_any_answer_is_a_valid_reply(brain, opener, messages):
    """Every turn is a reply Slack accepts, with a known intent and no unexpected-error apology; the
    state it leaves survives a round trip through the store's JSON."""
    state = converse(brain, opener, None).state
    for message in messages:
        turn = converse(brain, message, state)
        assert turn.reply.reference is None, message
        assert turn.reply.intent == OUT_OF_SCOPE or brain.knowledge.get(turn.reply.intent) is not None
        assert_valid_message(reply_json(turn.reply))
        state = ConversationState.restore(json.loads(json.dumps(turn.state.dump()))) if turn.state else None
        assert (state is None) == (turn.state is None)
