"""Slack's agent surface, where the workspace has it, through Bolt's `Assistant` middleware.

A thread opened in the assistant panel gets a greeting and suggested prompts; each
question there sets the thread's title and a status while it is answered, and is
answered exactly as a DM is. Where the surface is not enabled Slack sends no
assistant events, and a message in a DM thread is answered as it always was.
"""

from slack_bolt import App, Assistant

from evalbot.slack.listeners.assistant.thread_started import greet_thread
from evalbot.slack.listeners.assistant.user_message import HOLD_SECONDS, answer_in_assistant_thread
from evalbot.slack.listeners.events.message_im import direct_message_asked
from evalbot.slack.transport.outbox.keep import KeepAnswer
from evalbot.slack.transport.repeats import SkipRepeats


def ignore_context_change() -> None:
    """The channel a user is viewing does not change evalbot's answers, so there is nothing to save.

    (Without a listener, Bolt would save that context into the thread's first message.)
    """


def register(app: App) -> None:
    assistant = Assistant()
    assistant.thread_started(middleware=[SkipRepeats()])(greet_thread)
    assistant.thread_context_changed(ignore_context_change)
    # A question there is a DM: its answer is kept in the outbox before the ack (held for the status).
    keep = KeepAnswer(direct_message_asked, hold=HOLD_SECONDS)
    assistant.user_message(middleware=[keep])(answer_in_assistant_thread)
    app.assistant(assistant)
