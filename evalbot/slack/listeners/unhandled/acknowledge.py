"""Buttons and forms no listener knows (an old message's button, a form from an earlier version): acknowledged.

Bolt answers an interaction nobody listens for with 404, which Slack shows the user as
an error on the button or form. Acknowledging it quietly, with an INFO line naming it,
is kinder, and the log still shows what arrived.
"""

import logging

log = logging.getLogger(__name__)


def acknowledge_action(ack, body, action) -> None:
    ack()
    log.info(
        "no listener for action %s; acknowledged",
        action.get("action_id"),
        extra={
            "action_id": action.get("action_id"),
            "block_id": action.get("block_id"),
            "payload_type": body.get("type"),
        },
    )


def acknowledge_view(ack, body, view) -> None:
    ack()
    log.info(
        "no listener for view %s; acknowledged",
        view.get("callback_id"),
        extra={"callback_id": view.get("callback_id"), "payload_type": body.get("type")},
    )
