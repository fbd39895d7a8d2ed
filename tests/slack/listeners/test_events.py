"""Mentions answered in thread, DMs (with a file or not) in place, App Home published once a window;
bots, edits and system messages ignored."""

import json
import logging

import pytest
from slack_fakes import BOT_ID, BOT_USER, direct_message, event_callback, mention


def test_mention_is_answered_in_its_thread(deliver, fake_slack):
    response = deliver(event_callback(mention("how do I pitch the eval budget?", ts="1700000001.000100")))
    assert response.status == 200
    [post] = fake_slack.wait_for("chat.postMessage")
    assert post["channel"] == "C0CHAN01" and post["thread_ts"] == "1700000001.000100"
    assert post["text"] and post["blocks"][0]["type"] == "header"


def test_mention_inside_a_thread_stays_in_that_thread(deliver, fake_slack):
    deliver(event_callback(mention("equity", ts="1700000009.000100", thread_ts="1700000001.000100")))
    [post] = fake_slack.wait_for("chat.postMessage")
    assert post["thread_ts"] == "1700000001.000100"


def test_direct_message_is_answered_in_the_dm(deliver, fake_slack):
    deliver(event_callback(direct_message("what can I negotiate in my equity?")))
    [post] = fake_slack.wait_for("chat.postMessage")
    assert post["channel"] == "D0DM0001" and "thread_ts" not in post


def test_dm_in_a_thread_is_answered_in_that_thread(deliver, fake_slack):
    deliver(event_callback(direct_message("equity", thread_ts="1700000000.000001")))
    [post] = fake_slack.wait_for("chat.postMessage")
    assert post["thread_ts"] == "1700000000.000001"


def file_share(text: str) -> dict:
    """A DM with a PDF attached and a question typed with it, as Slack sends it (trimmed)."""
    file = {
        "id": "F0FILE01",
        "created": 1700000010,
        "name": "eval-budget.pdf",
        "title": "eval-budget.pdf",
        "mimetype": "application/pdf",
        "filetype": "pdf",
        "user": "U0USER01",
        "size": 48213,
        "mode": "hosted",
        "is_external": False,
        "url_private": "https://files.slack.com/files-pri/T0001-F0FILE01/eval-budget.pdf",
    }
    return direct_message(text, subtype="file_share", files=[file], upload=False, display_as_bot=False)


def test_a_dm_with_a_file_and_a_question_is_answered(deliver, fake_slack):
    deliver(event_callback(file_share("how do I pitch this eval budget to the board?"), event_id="EvFile1"))
    [post] = fake_slack.wait_for("chat.postMessage")
    assert post["channel"] == "D0DM0001" and "board" in json.dumps(post["blocks"]).lower()


IGNORED = {
    "other bot": direct_message("hi", bot_id="B0OTHER", subtype="bot_message"),
    "bot without subtype": direct_message("hi", bot_id="B0OTHER"),
    "bot profile": direct_message("hi", bot_profile={"id": "B0OTHER"}),
    "itself by user": direct_message("hi", user=BOT_USER),
    "itself by bot id": direct_message("hi", bot_id=BOT_ID),
    "edit": {
        "type": "message",
        "subtype": "message_changed",
        "channel": "D0DM0001",
        "channel_type": "im",
        "hidden": True,
        "ts": "1700000005.1",
        "message": {"type": "message", "user": "U0USER01", "text": "x"},
    },
    "deletion": {
        "type": "message",
        "subtype": "message_deleted",
        "channel": "D0DM0001",
        "channel_type": "im",
        "hidden": True,
        "deleted_ts": "1700000002.000100",
        "ts": "1700000005.2",
    },
    "join": {
        "type": "message",
        "subtype": "channel_join",
        "channel": "C0CHAN01",
        "channel_type": "channel",
        "user": "U0USER01",
        "text": "<@U0USER01> has joined the channel",
        "ts": "1700000005.3",
    },
    "thread broadcast": direct_message("hi", subtype="thread_broadcast"),
    "file alone": direct_message("", subtype="file_share", files=[{"id": "F0FILE01", "name": "budget.pdf"}]),
    "channel message": direct_message("hi", channel="C0CHAN01", channel_type="channel"),
    "edited mention": mention("budget", edited={"user": "U0USER01", "ts": "1700000006.0"}),
    "bot mention": mention("budget", bot_id="B0OTHER"),
    "mention in a DM": mention("budget", channel="D0DM0001"),
    "no text": {"type": "message", "channel": "D0DM0001", "channel_type": "im", "user": "U0USER01", "ts": "1.2"},
}


@pytest.mark.parametrize("event", IGNORED.values(), ids=IGNORED.keys())
def test_never_answered(deliver, fake_slack, event):
    response = deliver(event_callback(event, event_id=f"Ev{abs(hash(json.dumps(event)))}"))
    assert response.status == 200
    assert fake_slack.calls_to("chat.postMessage") == []


def test_app_home_opened_publishes_the_home_tab(deliver, fake_slack):
    event = {
        "type": "app_home_opened",
        "user": "U0USER01",
        "channel": "D0DM0001",
        "tab": "home",
        "event_ts": "1700000007.1",
    }
    deliver(event_callback(event, event_id="EvHome1"))
    [publish] = fake_slack.wait_for("views.publish")
    assert publish["user_id"] == "U0USER01"
    assert publish["view"]["type"] == "home" and len(publish["view"]["blocks"]) <= 100
    assert "evalbot_open_form" in json.dumps(publish["view"])


def test_messages_tab_opening_publishes_nothing(deliver, fake_slack):
    event = {
        "type": "app_home_opened",
        "user": "U0USER01",
        "channel": "D0DM0001",
        "tab": "messages",
        "event_ts": "1700000007.2",
    }
    deliver(event_callback(event, event_id="EvHome2"))
    assert fake_slack.calls_to("views.publish") == []


def test_channel_broadcasts_are_never_echoed(deliver, fake_slack):
    deliver(event_callback(mention("<!channel> <!here> <!everyone> budget & board")))
    [post] = fake_slack.wait_for("chat.postMessage")
    raw = json.dumps(post)
    assert "<!channel>" not in raw and "<!here>" not in raw and "<!everyone>" not in raw


def home_opened(user: str = "U0USER01") -> dict:
    return {"type": "app_home_opened", "user": user, "channel": "D0DM0001", "tab": "home", "event_ts": "1700000007.1"}


def test_many_opens_by_one_person_publish_the_home_tab_once(deliver, fake_slack):
    """100 clicks on the tab by one person: one views.publish; another person still gets theirs."""
    for n in range(100):
        deliver(event_callback(home_opened(), event_id=f"EvOpen{n}"), wait=False)
    deliver(event_callback(home_opened("U0USER02"), event_id="EvOpenOther"))
    assert [p["user_id"] for p in fake_slack.calls_to("views.publish")] == ["U0USER01", "U0USER02"]


def test_a_failed_publish_is_tried_again_at_the_next_open(deliver, fake_slack):
    fake_slack.script("views.publish", (200, {}, {"ok": False, "error": "not_enabled"}))
    deliver(event_callback(home_opened(), event_id="EvOpenFails"))
    deliver(event_callback(home_opened(), event_id="EvOpenAgain"))
    assert len(fake_slack.calls_to("views.publish")) == 2


@pytest.mark.parametrize(
    "event",
    [
        {"type": "tokens_revoked", "tokens": {"oauth": [], "bot": [BOT_USER]}, "event_ts": "1.1"},
        {"type": "app_uninstalled", "event_ts": "1.2"},
    ],
    ids=["tokens_revoked", "app_uninstalled"],
)
def test_losing_the_single_bot_token_is_acknowledged_and_logged(deliver, fake_slack, caplog, event):
    """With one SLACK_BOT_TOKEN there is nothing to delete: the warning tells the operator why answers stop."""
    with caplog.at_level(logging.WARNING, logger="evalbot.slack.listeners.events.revocation"):
        assert deliver(event_callback(event, event_id=f"EvLost{event['type']}")).status == 200
    [record] = caplog.records
    assert record.getMessage().startswith(event["type"]) and record.team_id == "T0001"
    assert fake_slack.calls_to("chat.postMessage") == []
