"""The buttons under a folded answer, through the real Bolt app with signed requests: More and Run."""

import json

from slack_fakes import block_actions, direct_message, event_callback, slash_command

from evalbot.rendering.block_kit import MORE_ACTION, OFFER_ACTION
from evalbot.rendering.feedback import Rated, feedback_block
from evalbot.rendering.share import ATTRIBUTION_BLOCK, SHARE_ACTION, shared_message

DM = {"type": "message", "message_ts": "1700000002.000100", "channel_id": "D0DM0001", "is_ephemeral": False}
EPHEMERAL = {"type": "message", "message_ts": "1700000001.000100", "channel_id": "C0CHAN01", "is_ephemeral": True}


def _buttons(blocks: list[dict]) -> dict[str, dict]:
    return {e["action_id"]: e for b in blocks if b["type"] == "actions" for e in b["elements"]}


def test_dm_answer_unfolds_in_place_when_more_is_clicked(deliver, fake_slack):
    """A DM question gets the lead and More; clicking it (the button as sent) rewrites that message in full."""
    deliver(event_callback(direct_message("how long an exercise window can I ask for?")))
    [post] = fake_slack.wait_for("chat.postMessage")
    assert "10 years after you leave" in post["blocks"][1]["text"]["text"]
    more = _buttons(post["blocks"])[MORE_ACTION]
    assert "Other key points" not in json.dumps(post["blocks"])

    votes = feedback_block(Rated(ref="ref0001", intent="equity-negotiation", confidence=0.9))
    clicked = {"type": "message", "ts": "1700000002.000100", "blocks": [*post["blocks"], votes]}
    deliver.form(block_actions(more, channel="D0DM0001", container=DM, message=clicked))
    [update] = fake_slack.wait_for("chat.update")
    assert (update["channel"], update["ts"]) == ("D0DM0001", "1700000002.000100")
    shown = json.dumps(update["blocks"])
    assert update["blocks"][1] == post["blocks"][1] and "Other key points" in shown and "Lever 1" in shown
    assert MORE_ACTION not in _buttons(update["blocks"])
    # The vote buttons rate the answer, folded or not: the unfolded message keeps the same ones.
    assert update["blocks"][-1] == votes
    assert len(fake_slack.calls_to("chat.postMessage")) == 1


def test_more_on_a_private_answer_replaces_it_and_keeps_share(deliver, fake_slack):
    """On an ephemeral `/evalbot` answer, More replaces it through the response_url, Share button kept."""
    response = deliver.form(slash_command("how long an exercise window can I ask for?",
                                          response_url=fake_slack.response_url("cmd")))
    answer = json.loads(response.body) if response.body else fake_slack.wait_for("response_url:cmd")[0]
    more = _buttons(answer["blocks"])[MORE_ACTION]
    deliver.form(block_actions(more, container=EPHEMERAL, response_url=fake_slack.response_url("more")))
    [unfolded] = fake_slack.wait_for("response_url:more")
    assert unfolded["replace_original"] is True and unfolded["response_type"] == "ephemeral"
    assert "Other key points" in json.dumps(unfolded["blocks"]) and SHARE_ACTION in _buttons(unfolded["blocks"])


def test_a_stale_more_button_gets_a_clear_answer(deliver, fake_slack):
    """A More value that no longer matches an answer rewrites the message with a plain explanation."""
    action = {"action_id": MORE_ACTION, "value": "equity-negotiation#42"}
    deliver.form(block_actions(action, channel="D0DM0001", container=DM))
    [update] = fake_slack.wait_for("chat.update")
    assert "ask the question again" in update["text"]


def test_run_offer_answers_the_calculation_below(deliver, fake_slack):
    """"Run roi cost=2M" under a DM answer posts the ROI reply, which asks for the benefit, in the DM."""
    deliver(event_callback(direct_message("is a 2M eval budget normal for a mid-size company?")))
    [post] = fake_slack.wait_for("chat.postMessage")
    run = _buttons(post["blocks"])[f"{OFFER_ACTION}:0"]
    assert run["value"] == "roi cost=2M"
    deliver.form(block_actions(run, channel="D0DM0001", container=DM,
                               message={"type": "message", "ts": "1700000002.000100"}))
    _, answer = fake_slack.wait_for("chat.postMessage", count=2)
    assert answer["channel"] == "D0DM0001" and "thread_ts" not in answer
    assert "I still need" in answer["text"] and "$2M" in answer["text"]


def test_a_shared_answer_keeps_who_shared_it_when_unfolded(deliver, fake_slack, brain):
    """Unfolding an answer shared from `/evalbot` keeps its "Shared by" line."""
    shared = shared_message(brain.answer("how long an exercise window can I ask for?"), user_id="U0SHARER")
    more = _buttons(shared["blocks"])[MORE_ACTION]
    clicked = {"type": "message", "ts": "1700000005.000100", "blocks": shared["blocks"]}
    container = {"type": "message", "message_ts": "1700000005.000100", "channel_id": "C0CHAN01", "is_ephemeral": False}
    deliver.form(block_actions(more, container=container, message=clicked))
    [update] = fake_slack.wait_for("chat.update")
    assert update["blocks"][-1]["block_id"] == ATTRIBUTION_BLOCK and "<@U0SHARER>" in json.dumps(update["blocks"][-1])
    assert "Other key points" in json.dumps(update["blocks"])
