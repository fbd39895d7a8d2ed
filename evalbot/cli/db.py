"""`evalbot db upgrade`: bring the state store to this version's schema."""

import argparse

from evalbot.config import Settings


def run_db(args: argparse.Namespace, settings: Settings) -> int:
    from evalbot.store.migrate import current_revision

    store = settings.open_store(migrate=True)
    try:
        shown = store.engine.url.render_as_string(hide_password=True)
        print(f"state store ({store.dialect}, {shown}) is at migration {current_revision(store.engine)}")
        if settings.evalbot_token_key:
            from evalbot.slack.transport.sealed_tokens import TokenCipher, seal_stored_tokens

            sealed = seal_stored_tokens(store.engine, TokenCipher(keys=settings.evalbot_token_key))
            print(f"{sealed} stored Slack token(s) sealed with the first key of EVALBOT_TOKEN_KEY")
    finally:
        store.close()
    return 0
