"""👍/👎 through the real Bolt app: buttons on every answer, votes and reasons stored, the report over it all."""

import csv
import io
import json
import os
import subprocess
import sys
from urllib.parse import urlencode

import pytest
from slack_fakes import TEAM, block_actions, direct_message, event_callback, mention, slash_command
from slack_harness import Deliver, body_json, make_app
from sqlalchemy import select

from evalbot.feedback.service import Feedback
from evalbot.rendering.feedback import FEEDBACK_ACTION, REASON_CALLBACK
from evalbot.slack.app import drain
from evalbot.store import open_store
from evalbot.store.schema import questions, votes

ADMIN = "U0ADMIN1"


@pytest.fixture()
def data_dir(tmp_path):
    return tmp_path / "state"


@pytest.fixture()
def store(data_dir):
    opened = open_store(data_dir=data_dir)
    yield opened
    opened.close()


@pytest.fixture()
def deliver(settings, brain, store):
    """The real app with feedback on, over a SQLite state store in a temporary folder."""
    feedback = Feedback.from_store(store, retention_days=90, admins=frozenset({ADMIN}))
    app = make_app(settings, brain, store=store, feedback=feedback)
    yield Deliver(app)
    drain(app)


def _feedback_element(message: dict) -> dict:
    [block] = [b for b in message["blocks"] if b["type"] == "context_actions"]
    [element] = block["elements"]
    assert element["type"] == "feedback_buttons" and element["action_id"] == FEEDBACK_ACTION
    return {**element, "block_id": block["block_id"]}


def _click(deliver, message: dict, which: str, *, user="U0USER01"):
    """A signed block_actions payload for a click on the posted message's 👍 or 👎."""
    element = _feedback_element(message)
    button = element[f"{which}_button"]
    action = {"type": "feedback_buttons", "action_id": element["action_id"], "block_id": element["block_id"],
              "value": button["value"], "text": button["text"]}
    return deliver.form(block_actions(action, user=user, message={"type": "message", "ts": "1700000009.1",
                                                                  "blocks": message["blocks"]}))


def _submit(deliver, view: dict, *, reason: str | None, comment: str | None, user="U0USER01"):
    """Submit the reason modal evalbot opened, as Slack would post it."""
    values = {"reason": {"reason_choice": {"type": "radio_buttons",
                                           "selected_option": {"value": reason} if reason else None}},
              "comment": {"comment_text": {"type": "plain_text_input", "value": comment}}}
    payload = {"type": "view_submission", "team": {"id": TEAM}, "user": {"id": user, "team_id": TEAM},
               "api_app_id": "A0EVALBOT", "trigger_id": "1.2.3",
               "view": {**view, "id": "V0REASON", "state": {"values": values}}}
    return deliver.form(urlencode({"payload": json.dumps(payload)}))


def _rows(store, table):
    with store.engine.connect() as connection:
        return connection.execute(select(table)).mappings().all()


def test_every_answer_carries_feedback_buttons_and_is_logged(deliver, fake_slack, store):
    """A DM answer ends with Slack's native feedback buttons; its question is in the log."""
    deliver(event_callback(direct_message("what exercise window can I ask for?"), event_id="EvFb1"))
    [post] = fake_slack.wait_for("chat.postMessage")
    element = _feedback_element(post)
    value = json.loads(element["positive_button"]["value"])
    [row] = _rows(store, questions)
    assert value["v"] == "up" and value["r"] == row["reply_ref"] and value["i"] == row["intent"]
    assert row["text"] == "what exercise window can I ask for?" and row["team_id"] == TEAM
    assert post["blocks"][-1]["type"] == "context_actions" and len(post["blocks"]) <= 50


def test_error_replies_have_no_feedback_buttons(deliver, fake_slack, store):
    """Bad input gets its clear error reply, without buttons and without a log row."""
    deliver(event_callback(direct_message("roi cost=banana"), event_id="EvFb2"))
    [post] = fake_slack.wait_for("chat.postMessage")
    assert "context_actions" not in json.dumps(post["blocks"]) and "cost" in post["text"]
    assert _rows(store, questions) == []


def test_thumbs_up_is_stored_and_posts_nothing(deliver, fake_slack, store):
    """A 👍 click is acked, stored with intent and question, and adds no message anywhere."""
    deliver(event_callback(mention("how do I pitch the eval budget to the board?"), event_id="EvFb3"))
    [post] = fake_slack.wait_for("chat.postMessage")
    fake_slack.reset()
    assert _click(deliver, post, "positive").status == 200
    [vote] = _rows(store, votes)
    assert vote["vote"] == "up" and vote["question"] == "how do I pitch the eval budget to the board?"
    assert vote["intent"] == json.loads(_feedback_element(post)["positive_button"]["value"])["i"]
    assert fake_slack.calls_to("chat.postMessage") == [] and fake_slack.calls_to("views.open") == []


def test_thumbs_down_opens_the_reason_modal_and_stores_the_reason(deliver, fake_slack, store):
    """👎 opens a modal (no channel message); submitting it attaches reason and scrubbed text to the vote."""
    deliver(event_callback(direct_message("npv upfront=500k cost=100k benefit=5M rate=8%"), event_id="EvFb4"))
    [post] = fake_slack.wait_for("chat.postMessage")
    fake_slack.reset()
    _click(deliver, post, "negative")
    [opened] = fake_slack.wait_for("views.open")
    view = opened["view"]
    assert view["callback_id"] == REASON_CALLBACK and opened["trigger_id"]
    assert {o["value"] for b in view["blocks"] if b["type"] == "input" and b["block_id"] == "reason"
            for o in b["element"]["options"]} == {"wrong-topic", "not-specific", "wrong-numbers", "other"}
    response = _submit(deliver, view, reason="wrong-numbers", comment="rate should be 8%, ask ada@example.com")
    assert response.status == 200 and body_json(response) == {}
    [vote] = _rows(store, votes)
    assert (vote["vote"], vote["reason"]) == ("down", "wrong-numbers")
    assert vote["comment"] == "rate should be 8%, ask [email]"
    assert fake_slack.calls_to("chat.postMessage") == []


def test_changing_a_vote_keeps_one_row(deliver, fake_slack, store):
    """👍 then 👎 by the same person is one 👎."""
    deliver(event_callback(direct_message("equity"), event_id="EvFb5"))
    [post] = fake_slack.wait_for("chat.postMessage")
    _click(deliver, post, "positive")
    _click(deliver, post, "negative")
    assert [v["vote"] for v in _rows(store, votes)] == ["down"]


@pytest.mark.parametrize("value", ["", "not json", '{"v": "sideways", "r": "x", "i": "roi", "c": 0.5}',
                                   '{"v": "up", "r": "x", "i": "roi", "c": 7}', '{"v": "up"}', "[1, 2]"])
def test_a_malformed_click_is_acked_and_ignored(deliver, fake_slack, store, value):
    """Forged or stale button values get a 200 and change nothing."""
    action = {"type": "feedback_buttons", "action_id": FEEDBACK_ACTION, "value": value}
    assert deliver.form(block_actions(action)).status == 200
    assert _rows(store, votes) == [] and fake_slack.calls_to("views.open") == []


def test_the_slash_command_answer_has_feedback_buttons(deliver, store):
    """/evalbot's private answer carries the buttons too (and the share button)."""
    response = deliver.form(slash_command("board pitch tips"))
    blocks = body_json(response)["blocks"]
    assert blocks[-1]["type"] == "context_actions" and "evalbot_share" in json.dumps(blocks)
    assert len(_rows(store, questions)) == 1


def _home(deliver, fake_slack, user):
    event = {"type": "app_home_opened", "user": user, "channel": "D0DM0001", "tab": "home", "event_ts": "1.1"}
    deliver(event_callback(event, event_id=f"EvHome{user}"))
    [publish] = fake_slack.wait_for("views.publish")
    fake_slack.reset()
    return json.dumps(publish["view"], ensure_ascii=False)


def test_admins_see_the_gap_report_on_home_and_others_do_not(deliver, fake_slack):
    """EVALBOT_ADMINS users get this week's top unanswered and worst-rated; everyone else the usual Home."""
    deliver(event_callback(direct_message("what is the office wifi password"), event_id="EvFb6"))
    deliver(event_callback(direct_message("how do I pitch the eval budget to the board?", ts="2.2"),
                           event_id="EvFb7"))
    posts = fake_slack.wait_for("chat.postMessage", count=2)
    _click(deliver, posts[1], "negative")
    fake_slack.reset()
    admin = _home(deliver, fake_slack, ADMIN)
    assert "For admins" in admin and "wifi password" in admin and "👎 1" in admin
    assert "For admins" not in _home(deliver, fake_slack, "U0USER01")


def _report(data_dir, *args):
    env = {**os.environ, "EVALBOT_DATA_DIR": str(data_dir), "LOG_LEVEL": "WARNING"}
    env.pop("EVALBOT_DATABASE_URL", None)
    result = subprocess.run([sys.executable, "-m", "evalbot", "report", *args], capture_output=True, text=True,
                            env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_report_over_a_store_filled_through_the_app(deliver, fake_slack, data_dir):
    """`evalbot report` (text, --json, --csv) shows what the app logged and the votes it took."""
    texts = ["what's the wifi password on floor 3", "wifi password floor 3?", "how do I pitch the board"]
    for n, text in enumerate(texts):
        deliver(event_callback(direct_message(text, ts=f"17.{n}"), event_id=f"EvRep{n}"))
    posts = fake_slack.wait_for("chat.postMessage", count=3)
    _click(deliver, posts[2], "negative")
    [opened] = fake_slack.wait_for("views.open")
    _submit(deliver, opened["view"], reason="not-specific", comment=None)

    data = json.loads(_report(data_dir, "--json", "--days", "1"))
    [gap] = data["unanswered"]
    assert gap["count"] == 2 and "wifi password" in gap["text"]
    [rating] = data["ratings"]
    assert (rating["up"], rating["down"], rating["reasons"]) == (0, 1, {"not-specific": 1})
    assert {row["intent"]: row["count"] for row in data["volume"]}["out-of-scope"] == 2
    text = _report(data_dir)
    assert "2x  " in text and "wifi password" in text and "not-specific 1" in text
    rows = list(csv.DictReader(io.StringIO(_report(data_dir, "--csv"))))
    assert any(r["section"] == "unanswered" and r["count"] == "2" for r in rows)


def test_answers_to_clicks_carry_their_own_feedback_buttons(deliver, fake_slack, store):
    """A related-topic click answers in the thread with fresh buttons rating that answer."""
    from evalbot.rendering.block_kit import PICK_ACTION

    action = {"action_id": f"{PICK_ACTION}:rel:0", "value": "equity-negotiation"}
    container = {"type": "message", "message_ts": "17.5", "channel_id": "C0CHAN01", "is_ephemeral": False}
    deliver.form(block_actions(action, container=container, message={"type": "message", "ts": "17.5"}))
    [post] = fake_slack.wait_for("chat.postMessage")
    assert json.loads(_feedback_element(post)["positive_button"]["value"])["i"] == "equity-negotiation"
    assert [row["intent"] for row in _rows(store, questions)] == ["equity-negotiation"]


def test_more_keeps_the_answers_feedback_buttons(deliver, fake_slack, store):
    """Unfolding an answer with "More" rewrites it in place and keeps the buttons (and reference) it had."""
    from evalbot.rendering.block_kit import MORE_ACTION

    deliver(event_callback(mention("how long an exercise window can I ask for?"), event_id="EvMore1"))
    [post] = fake_slack.wait_for("chat.postMessage")
    [more] = [e for b in post["blocks"] if b["type"] == "actions" for e in b["elements"]
              if e["action_id"] == MORE_ACTION]
    fake_slack.reset()
    container = {"type": "message", "message_ts": "17.6", "channel_id": "C0CHAN01", "is_ephemeral": False}
    deliver.form(block_actions({"action_id": MORE_ACTION, "value": more["value"]}, container=container,
                               message={"type": "message", "ts": "17.6", "blocks": post["blocks"]}))
    [update] = fake_slack.wait_for("chat.update")
    assert _feedback_element(update) == _feedback_element(post)
    assert len(update["blocks"]) > len(post["blocks"]) - 1 and len(_rows(store, questions)) == 1
