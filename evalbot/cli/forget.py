"""`evalbot forget --user UXXXX`: delete one person's logged questions and votes."""

import argparse
import re

from evalbot.config import Settings
from evalbot.errors import ConfigError

SLACK_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")


def run_forget(args: argparse.Namespace, settings: Settings) -> int:
    from evalbot.feedback.privacy import installation_salt, user_hash
    from evalbot.feedback.retention import forget_user

    user = args.user.strip()
    if not SLACK_USER_ID.match(user):
        raise ConfigError(f"--user must be a Slack user id such as U012AB3CD, not {user!r}")
    store = settings.open_store()
    try:
        counts = forget_user(store.engine, user_hash=user_hash(installation_salt(store.engine), user))
    finally:
        store.close()
    print(f"Forgot {user}: {counts['questions']} question(s) and {counts['votes']} vote(s) deleted.")
    return 0
