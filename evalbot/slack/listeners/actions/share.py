""" "Share in channel": post a private answer publicly, attributed to the person who shares it.

`chat.postMessage` first (public channels, with `chat:write.public`, or channels
evalbot is in); where the bot cannot post (a private channel it is not in, a DM
between people) the command's `response_url` posts it `in_channel` instead.
"""

import logging

from slack_sdk.errors import SlackApiError

from evalbot.core.safe_answer import answer_safely
from evalbot.rendering.share import parse_share_value, shared_message
from evalbot.slack.answering import answer_intent
from evalbot.slack.transport.delivery import SEND_ERRORS, respond
from evalbot.slack.deps import deps_of
from evalbot.slack.placement import user_of
from evalbot.core.safe_answer import new_reference

log = logging.getLogger(__name__)
_NOT_POSTABLE = {"not_in_channel", "channel_not_found", "is_archived", "restricted_action"}


def share_in_channel(ack, body, action, context, client) -> None:
    ack()
    deps = deps_of(context)
    kind, value = parse_share_value(str(action.get("value") or ""))
    reply = answer_intent(deps, value) if kind == "intent" else answer_safely(deps.brain, value)
    user = user_of(body) or ""
    shared = shared_message(reply, user_id=user)
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
    try:
        client.chat_postMessage(channel=channel, unfurl_links=False, **shared)
        return
    except SlackApiError as e:
        if e.response.get("error") not in _NOT_POSTABLE:
            log.error("could not share an answer", exc_info=e, extra={"reference": new_reference()})
    except SEND_ERRORS as e:
        log.error("could not share an answer", exc_info=e, extra={"reference": new_reference()})
    if isinstance(body.get("response_url"), str):
        respond(body["response_url"], shared, response_type="in_channel", replace_original=False)
