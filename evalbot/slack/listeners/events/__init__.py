from slack_bolt import App

from evalbot.slack.listeners.events.app_home_opened import publish_home_tab
from evalbot.slack.listeners.events.app_mention import mention_asked
from evalbot.slack.listeners.events.message_channel import channel_message_asked
from evalbot.slack.listeners.events.message_im import direct_message_asked
from evalbot.slack.listeners.events.revocation import note_revocation
from evalbot.slack.answering import Asked
from evalbot.slack.ask_person.answers import KeepExpertAnswer, send_expert_answer
from evalbot.slack.transport.outbox.keep import KeepAnswer, send_kept_answer
from evalbot.slack.transport.repeats import SkipRepeats


def message_asked(body: dict, context) -> Asked | None:
    """The question a `message` event asks: a DM, or a message in an `all` channel."""
    return direct_message_asked(body, context) or channel_message_asked(body, context)


def register(app: App) -> None:
    # Mentions and DMs: the answer is kept in the outbox before the ack, and sent after it.
    app.event("app_mention", middleware=[KeepAnswer(mention_asked)])(send_kept_answer)
    # Every `message` event is taken (and so acknowledged); a person's DM is answered, and so is
    # any person's message in a channel whose rule is `all` (EVALBOT_CHANNELS).
    # An expert's reply in a hand-off's thread (Ask a person) is taken first; any other message passes on.
    app.event("message", middleware=[KeepExpertAnswer()])(send_expert_answer)
    app.event("message", middleware=[KeepAnswer(message_asked)])(send_kept_answer)
    app.event("app_home_opened", middleware=[SkipRepeats()])(publish_home_tab)
    if app.installation_store is not None:
        # Installed per workspace: Bolt's listeners delete the workspace's tokens (see evalbot.slack.transport.oauth).
        app.enable_token_revocation_listeners()
    else:
        app.event("tokens_revoked")(note_revocation)
        app.event("app_uninstalled")(note_revocation)
