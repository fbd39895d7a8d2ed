import re

from slack_bolt import App

from evalbot.slack.listeners.unhandled.acknowledge import acknowledge_action, acknowledge_view

ANY = re.compile(".*")


def register(app: App) -> None:
    """Registered last: Bolt runs the first listener that matches, so these only get what no other listener took."""
    app.action(ANY)(acknowledge_action)
    app.view(ANY)(acknowledge_view)
    app.view_closed(ANY)(acknowledge_view)
