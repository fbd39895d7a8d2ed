"""`tokens_revoked` and `app_uninstalled` with one bot token: nothing to delete, but the operator must know."""

import logging

log = logging.getLogger(__name__)


def note_revocation(event, context) -> None:
    log.warning(
        "%s: the bot token no longer works in this workspace; evalbot cannot answer there",
        event.get("type"),
        extra={"team_id": context.team_id},
    )
