"""A thread opened in the assistant panel: a greeting, then prompts to start from."""

from evalbot.rendering.assistant import SUGGESTED_PROMPTS_TITLE, suggested_prompts
from evalbot.rendering.block_kit import message
from evalbot.slack.answering import answer_intent
from evalbot.slack.transport.delivery import post_message
from evalbot.slack.deps import deps_of
from evalbot.slack.listeners.assistant.best_effort import try_call

GREETING = "greeting"


def greet_thread(event, context, client, set_suggested_prompts) -> None:
    thread = event.get("assistant_thread") if isinstance(event.get("assistant_thread"), dict) else {}
    channel, thread_ts = thread.get("channel_id"), thread.get("thread_ts")
    if not isinstance(channel, str) or not isinstance(thread_ts, str):
        return  # not a thread Slack described: nowhere to greet
    greeting = message(answer_intent(deps_of(context), GREETING))
    post_message(client, channel=channel, thread_ts=thread_ts, message=greeting)
    try_call("suggest prompts", lambda: set_suggested_prompts(prompts=suggested_prompts(),
                                                              title=SUGGESTED_PROMPTS_TITLE))
