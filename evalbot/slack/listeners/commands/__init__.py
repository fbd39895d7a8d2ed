import re

from slack_bolt import App

from evalbot.slack.listeners.commands.evalbot_command import answer_command

# `/evalbot`, and variants an admin may create for staging (`/evalbot-dev`).
COMMAND = re.compile(r"^/evalbot[\w-]*$")


def register(app: App) -> None:
    app.command(COMMAND)(answer_command)
