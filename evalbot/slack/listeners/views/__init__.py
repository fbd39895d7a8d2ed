from slack_bolt import App

from evalbot.rendering.feedback import REASON_CALLBACK
from evalbot.rendering.modal import FORM_CALLBACK
from evalbot.slack.listeners.views.calculator_form import submit_form
from evalbot.slack.listeners.views.feedback_reason import record_reason


def register(app: App) -> None:
    app.view(FORM_CALLBACK)(submit_form)
    app.view(REASON_CALLBACK)(record_reason)
