"""A question in an assistant thread: answered as any DM is (kept before the ack), then titled and marked
as in progress while the sender posts the answer."""

from evalbot.rendering.assistant import THINKING, thread_title
from evalbot.slack.filters import from_a_person
from evalbot.slack.listeners.assistant.best_effort import surface_allowed, try_call
from evalbot.slack.outbox.keep import send_kept_answer


def answer_in_assistant_thread(event, context, set_status, set_title) -> None:
    # Bolt sends every DM-thread message here, so the surface's extras are only tried where they can work.
    if surface_allowed(context) and from_a_person(event, bot_user_id=context.get("bot_user_id")):
        try_call("set the thread title", lambda: set_title(thread_title(event["text"])))
        try_call("set the status", lambda: set_status(THINKING))
    send_kept_answer(context)
