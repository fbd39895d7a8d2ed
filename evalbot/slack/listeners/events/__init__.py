from slack_bolt import App

from evalbot.slack.listeners import direct
from evalbot.slack.listeners.events.app_home_opened import publish_home_tab
from evalbot.slack.listeners.events.app_mention import answer_mention
from evalbot.slack.listeners.events.message_im import answer_direct_message


def register(app: App) -> None:
    direct.event(app, "app_mention", answer_mention)
    # Every `message` event is taken (and so acknowledged); only a person's DM is answered.
    direct.event(app, "message", answer_direct_message)
    direct.event(app, "app_home_opened", publish_home_tab)
