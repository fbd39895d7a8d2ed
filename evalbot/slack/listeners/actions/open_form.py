"""The "Open the calculator form" button (on a calculator reply, and on the Home tab): open the modal."""

from evalbot.rendering.modal import form_view
from evalbot.slack.answering import answer_intent
from evalbot.slack.transport.delivery import open_view
from evalbot.slack.deps import deps_of
from evalbot.slack.forms import form_spec
from evalbot.slack.placement import deliver_to_user


def open_form(ack, body, action, context, client) -> None:
    ack()
    deps = deps_of(context)
    calculator = str(action.get("value") or "")
    spec = form_spec(deps.brain.knowledge, calculator)
    if spec is None:
        deliver_to_user(client, body, answer_intent(deps, calculator or "help"))
        return
    open_view(client, trigger_id=body.get("trigger_id", ""), view=form_view(spec))
