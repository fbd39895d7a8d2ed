"""`/evalbot TEXT`: a private answer, with a button to share it in the channel.

The brain usually answers in milliseconds, so the answer travels in the
acknowledgement itself: one round trip, nothing to post afterwards. A question
asked before is answered at once from the messages kept ready (`ReadyAnswers`).
Any other is computed on the answer pool and waited for up to `ACK_BUDGET_SECONDS`;
past that (pathological input) the command is acknowledged with a short note and
the answer follows through the `response_url`, so Slack's 3-second limit holds
whatever the text.

This listener runs in the request thread (see `EvalbotMiddleware`); the answer pool
also sends the late answer, so nothing waits on it once the command is acknowledged.
"""

import threading

from evalbot.metrics import instruments
from evalbot.rendering.notes import quiet_channel_note, with_note
from evalbot.slack.answering import answer_message, rated, slow_down_private, within_limit
from evalbot.slack.transport.delivery import post_message, respond
from evalbot.slack.deps import deps_of
from evalbot.slack.transport.error_handler import handle_unexpected_error

ACK_BUDGET_SECONDS = 2.0
WORKING = "Working on it…"


class _Answer:
    """One command's answer, computed on the answer pool, waited for up to the ack budget.

    Whoever comes second decides where the answer goes: if the listener gave up
    waiting (and acked "Working on it…"), the task sends it to the `response_url`.
    """

    def __init__(self, command: dict, text: str, client, context):
        self.command, self.text, self.client, self.context = command, text, client, context
        self._done = threading.Condition(threading.Lock())
        self._outcome: tuple[dict | None, BaseException | None] | None = None
        self._abandoned = False

    def compute(self) -> None:
        """On the answer pool: answer, then hand the reply over (or send it, if nobody waits)."""
        try:
            deps = deps_of(self.context)
            answer = _rated(deps, self.command, self.text, *deps.answers.private(self.text))
            outcome: tuple[dict | None, BaseException | None] = (answer, None)
        except Exception as e:  # noqa: BLE001 - re-raised in the listener, or reported by the error handler
            outcome = (None, e)
        with self._done:
            self._outcome = outcome
            abandoned = self._abandoned
            self._done.notify()
        if abandoned:
            self._follow_up(*outcome)

    def wait(self, timeout: float) -> dict | None:
        """The private message, or None when it was not ready in `timeout` seconds (it then follows by itself)."""
        with self._done:
            if not self._done.wait_for(lambda: self._outcome is not None, timeout):
                self._abandoned = True
                return None
            answer, error = self._outcome
        if error is not None:
            raise error
        return answer

    def _follow_up(self, answer: dict | None, error: BaseException | None) -> None:
        if error is not None:
            # The command was acknowledged already: log it and apologise through the response_url.
            handle_unexpected_error(error, self.command, None, self.client, self.context)
        elif isinstance(self.command.get("response_url"), str):
            respond(self.command["response_url"], answer, response_type="ephemeral", replace_original=True)


def _rated(deps, command: dict, text: str, reply, private: dict) -> dict:
    instruments.answers_sent.labels(path="command").inc()  # it travels in the ack
    return rated(deps, reply, private, question=text, user=command.get("user_id"), team=command.get("team_id"))


def _answer_in_dm(deps, command: dict, text: str, client) -> None:
    """On the answer pool: the answer, in the person's DM, saying why it is there."""
    user, channel = command.get("user_id") or "", command.get("channel_id") or ""
    answer = answer_message(deps, text, user=user, team=command.get("team_id"))
    post_message(client, channel=user, message=with_note(answer, quiet_channel_note(channel)))


def answer_command(ack, command, client, context) -> None:
    text = command.get("text") if isinstance(command.get("text"), str) else ""
    deps = deps_of(context)
    if deps.channels.silent(command.get("channel_id")):
        ack()  # nothing in a silent channel, not even an ephemeral answer
        deps.workers.submit(_answer_in_dm, deps, command, text, client)
        return
    if not within_limit(deps, command.get("user_id") or ""):
        ack(response_type="ephemeral", **slow_down_private(deps, text))
        return
    ready = deps.answers.kept_private(text)
    if ready is not None:
        ack(response_type="ephemeral", **_rated(deps, command, text, *ready))
        return
    answer = _Answer(command, text, client, context)
    deps.workers.submit(answer.compute)
    computed = answer.wait(ACK_BUDGET_SECONDS)
    if computed is None:
        ack(response_type="ephemeral", text=WORKING)
        return
    ack(response_type="ephemeral", **computed)
