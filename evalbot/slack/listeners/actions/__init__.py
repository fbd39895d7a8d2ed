import re

from slack_bolt import App

from evalbot.rendering.block_kit import FORM_ACTION, MORE_ACTION, OFFER_ACTION, PICK_ACTION
from evalbot.rendering.feedback import FEEDBACK_ACTION
from evalbot.rendering.handoff import ASK_PERSON_ACTION
from evalbot.slack.ask_person.sending import ask_a_person
from evalbot.rendering.home import HOME_COMMAND_ACTION, HOME_PICK_ACTION
from evalbot.rendering.share import SHARE_ACTION
from evalbot.slack.listeners.actions.feedback import record_vote
from evalbot.slack.listeners.actions.home_menu import answer_home_command, answer_home_pick
from evalbot.slack.listeners.actions.more import run_offer, show_more
from evalbot.slack.listeners.actions.open_form import open_form
from evalbot.slack.listeners.actions.pick import answer_pick
from evalbot.slack.listeners.actions.share import share_in_channel


def register(app: App) -> None:
    app.action(re.compile(rf"^{PICK_ACTION}:"))(answer_pick)
    app.action(SHARE_ACTION)(share_in_channel)
    app.action(FEEDBACK_ACTION)(record_vote)
    app.action(ASK_PERSON_ACTION)(ask_a_person)
    app.action(FORM_ACTION)(open_form)
    app.action(MORE_ACTION)(show_more)
    app.action(re.compile(rf"^{OFFER_ACTION}:"))(run_offer)
    app.action(re.compile(rf"^{HOME_PICK_ACTION}:"))(answer_home_pick)
    app.action(re.compile(rf"^{HOME_COMMAND_ACTION}:"))(answer_home_command)
