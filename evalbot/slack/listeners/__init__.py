"""Every listener, registered per kind (the bolt-python starter template layout)."""

from slack_bolt import App

from evalbot.slack.listeners import actions, commands, events, unhandled, views


def register_listeners(app: App) -> None:
    commands.register(app)
    events.register(app)
    actions.register(app)
    views.register(app)
    unhandled.register(app)  # last: it takes whatever no listener above matched
