from slack_bolt import App

from evalbot.rendering.modal import FORM_CALLBACK
from evalbot.slack.listeners.views.calculator_form import submit_form


def register(app: App) -> None:
    app.view(FORM_CALLBACK)(submit_form)
