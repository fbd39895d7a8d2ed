from slack_bolt import App

from evalbot.slack.listeners.events.app_home_opened import publish_home_tab
from evalbot.slack.listeners.events.app_mention import answer_mention
from evalbot.slack.listeners.events.message_im import answer_direct_message
from evalbot.slack.listeners.events.revocation import note_revocation
from evalbot.slack.repeats import SkipRepeats


def register(app: App) -> None:
    once = [SkipRepeats()]
    app.event("app_mention", middleware=once)(answer_mention)
    # Every `message` event is taken (and so acknowledged); only a person's DM is answered.
    app.event("message", middleware=once)(answer_direct_message)
    app.event("app_home_opened", middleware=once)(publish_home_tab)
    if app.installation_store is not None:
        # Installed per workspace: Bolt's listeners delete the workspace's tokens (see evalbot.slack.oauth).
        app.enable_token_revocation_listeners()
    else:
        app.event("tokens_revoked")(note_revocation)
        app.event("app_uninstalled")(note_revocation)
