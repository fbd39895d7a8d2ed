"""`evalbot forget --user UXXXX`: delete what is kept of one person (see `evalbot.feedback.forget`), and what
they asked or answered through Ask a person (`evalbot.handoff.book.forget_asker_and_expert`)."""

import argparse
import re

from evalbot.config import Settings
from evalbot.errors import ConfigError

SLACK_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")


def run_forget(args: argparse.Namespace, settings: Settings) -> int:
    from evalbot.feedback.forget import forget_person
    from evalbot.feedback.privacy import installation_salt, user_hash
    from evalbot.handoff.book import forget_asker_and_expert

    user = args.user.strip()
    if not SLACK_USER_ID.match(user):
        raise ConfigError(f"--user must be a Slack user id such as U012AB3CD, not {user!r}")
    store = settings.open_store()
    try:
        gone = forget_person(store.engine, user_id=user, user_hash=user_hash(installation_salt(store.engine), user))
        handed = forget_asker_and_expert(store.engine, user)
    finally:
        store.close()
    print(f"Forgot {user}: {gone.questions} question(s) and {gone.votes} vote(s) deleted; "
          f"their question removed from {gone.others_votes_cleared} other person's vote(s); "
          f"{gone.conversations} conversation(s), {gone.unsent_answers} unsent answer(s) and "
          f"{gone.sent_answers} sent answer(s) kept for inspection deleted"
          + (f"; {handed} Ask-a-person row(s) deleted." if handed else "."))
    return 0
