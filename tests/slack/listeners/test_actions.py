"""Buttons: did-you-mean in place, related in the thread, share in channel, the form opener, Home menus."""

import json

from slack_fakes import BOT_USER, block_actions

from evalbot.rendering.block_kit import FORM_ACTION, PICK_ACTION
from evalbot.rendering.home import HOME_COMMAND_ACTION, HOME_PICK_ACTION
from evalbot.rendering.modal import FORM_CALLBACK
from evalbot.rendering.share import SHARE_ACTION, share_value

PUBLIC = {"type": "message", "message_ts": "1700000001.000100", "channel_id": "C0CHAN01", "is_ephemeral": False}
EPHEMERAL = {"type": "message", "message_ts": "1700000001.000100", "channel_id": "C0CHAN01", "is_ephemeral": True}


def test_related_button_answers_in_the_thread(deliver, fake_slack):
    action = {
        "action_id": f"{PICK_ACTION}:rel:0",
        "value": "equity-negotiation",
        "text": {"type": "plain_text", "text": "x"},
    }
    message = {"type": "message", "user": BOT_USER, "ts": "1700000001.000100", "thread_ts": "1700000000.000001"}
    response = deliver.form(block_actions(action, container=PUBLIC, message=message))
    assert response.status == 200
    [post] = fake_slack.wait_for("chat.postMessage")
    assert post["channel"] == "C0CHAN01" and post["thread_ts"] == "1700000000.000001"
    assert "equity" in post["blocks"][0]["text"]["text"].lower()


def test_related_button_on_a_top_level_message_starts_its_thread(deliver, fake_slack):
    action = {"action_id": f"{PICK_ACTION}:rel:1", "value": "board-pitch"}
    deliver.form(block_actions(action, container=PUBLIC, message={"type": "message", "ts": "1700000001.000100"}))
    [post] = fake_slack.wait_for("chat.postMessage")
    assert post["thread_ts"] == "1700000001.000100"


def test_did_you_mean_rewrites_the_message_in_place(deliver, fake_slack):
    action = {"action_id": f"{PICK_ACTION}:dym:0", "value": "board-pitch"}
    deliver.form(block_actions(action, container=PUBLIC, message={"type": "message", "ts": "1700000001.000100"}))
    [update] = fake_slack.wait_for("chat.update")
    assert update["channel"] == "C0CHAN01" and update["ts"] == "1700000001.000100"
    assert fake_slack.calls_to("chat.postMessage") == []


def test_pick_on_an_ephemeral_answer_replaces_it(deliver, fake_slack):
    action = {"action_id": f"{PICK_ACTION}:rel:0", "value": "board-pitch"}
    deliver.form(block_actions(action, container=EPHEMERAL, response_url=fake_slack.response_url("pick")))
    [reply] = fake_slack.wait_for("response_url:pick")
    assert reply["replace_original"] is True and reply["response_type"] == "ephemeral"
    assert any(
        e.get("action_id") == SHARE_ACTION for b in reply["blocks"] if b["type"] == "actions" for e in b["elements"]
    )


def test_share_posts_publicly_attributed_to_the_sharer(deliver, fake_slack):
    action = {"action_id": SHARE_ACTION, "value": share_value(question="how do I pitch the budget <!channel>?")}
    deliver.form(block_actions(action, user="U0SHARER", container=EPHEMERAL, response_url=fake_slack.response_url()))
    [post] = fake_slack.wait_for("chat.postMessage")
    assert post["channel"] == "C0CHAN01"
    assert "<@U0SHARER>" in post["text"] and "<@U0SHARER>" in json.dumps(post["blocks"][-1])
    assert "<!channel>" not in json.dumps(post)


def test_share_falls_back_to_the_response_url_where_the_bot_cannot_post(deliver, fake_slack):
    fake_slack.script("chat.postMessage", (200, {}, {"ok": False, "error": "channel_not_found"}))
    action = {"action_id": SHARE_ACTION, "value": share_value(intent="board-pitch")}
    deliver.form(
        block_actions(action, channel="D0OTHERS", container=EPHEMERAL, response_url=fake_slack.response_url("share"))
    )
    [reply] = fake_slack.wait_for("response_url:share")
    assert reply["response_type"] == "in_channel" and reply["replace_original"] is False


def test_form_button_opens_the_roi_modal(deliver, fake_slack):
    deliver.form(block_actions({"action_id": FORM_ACTION, "value": "roi"}, container=PUBLIC))
    [opened] = fake_slack.wait_for("views.open")
    view = opened["view"]
    assert opened["trigger_id"] and view["callback_id"] == FORM_CALLBACK
    assert {b["block_id"] for b in view["blocks"] if b["type"] == "input"} >= {
        "field:cost",
        "field:benefit",
        "field:incidents",
        "field:incident_cost",
    }


def test_form_button_from_app_home(deliver, fake_slack):
    container = {"type": "view", "view_id": "V0HOME"}
    deliver.form(block_actions({"action_id": FORM_ACTION, "value": "roi"}, container=container, channel=None))
    assert fake_slack.wait_for("views.open")


def test_home_menu_answers_in_the_dm(deliver, fake_slack):
    action = {
        "action_id": f"{HOME_PICK_ACTION}:templates",
        "type": "static_select",
        "selected_option": {"value": "board-pitch", "text": {"type": "plain_text", "text": "x"}},
    }
    deliver.form(block_actions(action, container={"type": "view", "view_id": "V0HOME"}, channel=None))
    [post] = fake_slack.wait_for("chat.postMessage")
    assert post["channel"] == "U0USER01"


def test_home_button_answers_in_the_dm(deliver, fake_slack):
    action = {"action_id": f"{HOME_COMMAND_ACTION}:topics", "value": "topics"}
    deliver.form(block_actions(action, container={"type": "view", "view_id": "V0HOME"}, channel=None))
    [post] = fake_slack.wait_for("chat.postMessage")
    assert post["channel"] == "U0USER01" and post["blocks"]


def test_stale_button_for_an_unknown_intent_gets_a_clear_answer(deliver, fake_slack):
    action = {"action_id": f"{PICK_ACTION}:rel:0", "value": "no-such-intent"}
    deliver.form(block_actions(action, container=PUBLIC, message={"type": "message", "ts": "1700000001.000100"}))
    [post] = fake_slack.wait_for("chat.postMessage")
    assert "no-such-intent" in json.dumps(post["blocks"])
