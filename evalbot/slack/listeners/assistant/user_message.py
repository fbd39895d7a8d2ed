"""A question in an assistant thread: kept as any DM's answer is, before the ack, but held until the
thread is titled and marked as in progress (Slack clears the status when the answer is posted)."""

from evalbot.rendering.assistant import THINKING, thread_title
from evalbot.slack.transport.filters import from_a_person
from evalbot.slack.listeners.assistant.best_effort import surface_allowed, try_call
from evalbot.slack.transport.outbox.keep import release_kept_answer

# Seconds a question's kept answer waits for the title and status (released as soon as they are set).
HOLD_SECONDS = 3.0


def answer_in_assistant_thread(event, body, context, set_status, set_title) -> None:
    # Bolt sends every DM-thread message here, so the surface's extras are only tried where they can work.
    if surface_allowed(context) and from_a_person(event, bot_user_id=context.get("bot_user_id")):
        try_call("set the thread title", lambda: set_title(thread_title(event["text"])))
        try_call("set the status", lambda: set_status(THINKING))
    release_kept_answer(body, context)
