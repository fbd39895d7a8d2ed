"""Where the answer to a click goes: in place, in the thread, or to the user's DM."""

from collections.abc import Callable

from slack_sdk import WebClient

from evalbot.core.reply import Reply
from evalbot.rendering.block_kit import fallback_text, message
from evalbot.rendering.share import ephemeral_blocks, share_value
from evalbot.slack.transport.delivery import post_message, respond, update_message


# Finishes a rendered message before it is sent (e.g. adds the feedback buttons); by default, as it is.
Finish = Callable[[dict], dict]


def _as_is(message: dict) -> dict:
    return message


def user_of(body: dict) -> str | None:
    """The id of the user who clicked or submitted, if the payload names one."""
    user = body.get("user")
    return user.get("id") if isinstance(user, dict) else None


def team_of(body: dict) -> str | None:
    """The id of the workspace a click or submission came from, if the payload names one."""
    team = body.get("team")
    return team.get("id") if isinstance(team, dict) else None


def deliver_pick(client: WebClient, body: dict, reply: Reply, *, in_place: bool, finish: Finish = _as_is) -> bool:
    """Answer a button click on one of evalbot's messages.

    - A private (ephemeral) answer is replaced in place, keeping its share button.
    - `in_place` (did-you-mean) rewrites evalbot's own message in the channel or DM.
    - Otherwise (related topics) the answer goes in the message's thread; in a DM, below it.
    - Clicks outside a message (Home tab, modals) are answered in the user's DM.
    """
    container = body.get("container") if isinstance(body.get("container"), dict) else {}
    if (
        container.get("type") == "message"
        and container.get("is_ephemeral")
        and isinstance(body.get("response_url"), str)
    ):
        share = share_value(intent=reply.intent) if reply.problem is None else None
        payload = finish({"text": fallback_text(reply), "blocks": ephemeral_blocks(reply, share=share)})
        return respond(body["response_url"], payload, response_type="ephemeral", replace_original=True)
    channel, ts = container.get("channel_id"), container.get("message_ts")
    if container.get("type") == "message" and isinstance(channel, str) and isinstance(ts, str):
        if in_place:
            return update_message(client, channel=channel, ts=ts, message=finish(message(reply)))
        original = body.get("message") if isinstance(body.get("message"), dict) else {}
        thread = original.get("thread_ts") or (None if channel.startswith("D") else ts)
        return post_message(client, channel=channel, thread_ts=thread, message=finish(message(reply)))
    return deliver_to_user(client, body, reply, finish=finish)


def deliver_to_user(client: WebClient, body: dict, reply: Reply, *, finish: Finish = _as_is) -> bool:
    """Send `reply` to the DM of the user who clicked."""
    return post_to_user(client, body, finish(message(reply)))


def post_to_user(client: WebClient, body: dict, message: dict) -> bool:
    """Send a finished `message` to the DM of the user who clicked."""
    user = user_of(body)
    return post_message(client, channel=user, message=message) if user else False
