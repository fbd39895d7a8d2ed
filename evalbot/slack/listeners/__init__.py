"""Every listener, registered per kind (the bolt-python starter template layout)."""

from slack_bolt import App

from evalbot.slack.listeners import actions, assistant, commands, events, unhandled, views


def register_listeners(app: App) -> None:
    # Middleware, so after EvalbotMiddleware (deps) and before every listener below.
    assistant.register(app)
    commands.register(app)
    events.register(app)
    actions.register(app)
    views.register(app)
    unhandled.register(app)  # last: it takes whatever no listener above matched
