"""EVALBOT_CHANNELS through the real Bolt app: `all` answers every message and thread, `silent` never speaks."""

import json

import pytest
from slack_fakes import BOT_USER, TEAM, event_callback, mention, slash_command
from slack_harness import Deliver, body_json, make_app

from evalbot.slack.app import drain

ALL, SILENT, ORDINARY, PRIVATE_ALL = "C0ASKBOT1", "C0QUIET01", "C0CHAN01", "G0PRIVATE"


def channel_message(text: str, *, channel: str, ts: str, thread_ts: str | None = None,
                    channel_type: str = "channel", **extra) -> dict:
    """A person's message in a channel, as `message.channels` (or `message.groups`) delivers it."""
    event = {"type": "message", "channel": channel, "user": "U0USER01", "text": text, "ts": ts,
             "event_ts": ts, "channel_type": channel_type, "team": TEAM,
             "client_msg_id": f"c1f0b3c6-0000-4000-8000-{ts.replace('.', '')[-12:]}"}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return {**event, **extra}


@pytest.fixture()
def rules_file(tmp_path):
    path = tmp_path / "channels.yaml"
    path.write_text(f"channels:\n  {ALL}: all\n  {SILENT}: silent\n  C0MENTION: mentions\n  {PRIVATE_ALL}: all\n")
    return path


@pytest.fixture()
def deliver(settings, brain, rules_file):
    app = make_app(settings.model_copy(update={"evalbot_channels": rules_file}), brain)
    yield Deliver(app)
    drain(app)


def posts_in(fake_slack, channel: str) -> list[dict]:
    return [call for call in fake_slack.calls_to("chat.postMessage") if call.get("channel") == channel]


def test_all_channel_answers_a_top_level_message_in_its_thread(deliver, fake_slack):
    """No mention needed: the answer goes in the message's thread."""
    deliver(event_callback(channel_message("how do I pitch the eval budget to the board?", channel=ALL,
                                           ts="1700000100.000100"), event_id="EvAll1"))
    [post] = fake_slack.wait_for("chat.postMessage")
    assert post["channel"] == ALL and post["thread_ts"] == "1700000100.000100"
    assert "board" in json.dumps(post["blocks"]).lower()


def test_all_channel_answers_a_follow_up_in_the_thread_with_its_context(deliver, fake_slack):
    """A thread reply without a mention is answered, and uses what the thread said before."""
    deliver(event_callback(channel_message("roi cost=2M", channel=ALL, ts="1700000200.000100"), event_id="EvAll2"))
    deliver(event_callback(channel_message("benefit is 10M", channel=ALL, ts="1700000201.000100",
                                           thread_ts="1700000200.000100"), event_id="EvAll3"))
    posts = fake_slack.wait_for("chat.postMessage", 2)
    assert [post["thread_ts"] for post in posts] == ["1700000200.000100"] * 2
    assert "5.0x" in json.dumps(posts[1]["blocks"])


def test_a_message_without_channel_type_is_read_by_its_channel_id(deliver, fake_slack):
    """An event lacking `channel_type` still counts as a channel message when its id is a channel's."""
    event = channel_message("equity", channel=ALL, ts="1700000250.000100")
    del event["channel_type"]
    deliver(event_callback(event, event_id="EvNoType"))
    [post] = fake_slack.wait_for("chat.postMessage")
    assert post["channel"] == ALL


def test_private_all_channel_is_answered_too(deliver, fake_slack):
    """`message.groups` deliveries (private channels, channel_type `group`) follow the same rule."""
    deliver(event_callback(channel_message("equity", channel=PRIVATE_ALL, ts="1700000300.000100",
                                           channel_type="group"), event_id="EvAll4"))
    [post] = fake_slack.wait_for("chat.postMessage")
    assert post["channel"] == PRIVATE_ALL and post["thread_ts"] == "1700000300.000100"


def test_a_mention_in_an_all_channel_is_answered_once(deliver, fake_slack):
    """Slack delivers a mention as `message` and as `app_mention` (two event ids): one answer."""
    ts = "1700000400.000100"
    deliver(event_callback(channel_message(f"<@{BOT_USER}> how do I negotiate equity?", channel=ALL, ts=ts),
                           event_id="EvBoth1"))
    deliver(event_callback(mention("how do I negotiate equity?", channel=ALL, ts=ts), event_id="EvBoth2"))
    fake_slack.wait_for("chat.postMessage", 2, timeout=1.5)
    assert len(posts_in(fake_slack, ALL)) == 1


@pytest.mark.parametrize("event", [
    mention("how do I pitch the eval budget?", channel=SILENT),
    channel_message("how do I pitch the eval budget?", channel=SILENT, ts="1700000500.000100"),
    channel_message("equity", channel=SILENT, ts="1700000501.000100", thread_ts="1700000500.000100"),
], ids=["mention", "message", "thread reply"])
def test_silent_channel_gets_no_post(deliver, fake_slack, event):
    """`silent`: nothing is posted there, whatever arrives."""
    assert deliver(event_callback(event, event_id="EvQuiet")).status == 200
    fake_slack.wait_for("chat.postMessage", timeout=1.0)
    assert fake_slack.calls_to("chat.postMessage") == [] and fake_slack.calls_to("chat.postEphemeral") == []


def test_slash_command_in_a_silent_channel_answers_in_the_dm(deliver, fake_slack):
    """No ephemeral in the channel: the ack is empty and the answer comes in the person's DM."""
    body = slash_command("roi cost=2M benefit=10M").replace("C0CHAN01", SILENT)
    response = deliver.form(body)
    assert response.status == 200 and body_json(response) == {}
    [post] = fake_slack.wait_for("chat.postMessage")
    assert post["channel"] == "U0USER01" and "5.0x" in json.dumps(post["blocks"])
    assert SILENT in json.dumps(post["blocks"])


@pytest.mark.parametrize("channel", [ORDINARY, "C0MENTION"])
def test_other_channels_answer_mentions_only(deliver, fake_slack, channel):
    """`mentions` (listed or not): a plain message is ignored, a mention is answered."""
    deliver(event_callback(channel_message("equity", channel=channel, ts="1700000600.000100"), event_id="EvPlain"))
    deliver(event_callback(mention("equity", channel=channel, ts="1700000601.000100"), event_id="EvMention"))
    [post] = fake_slack.wait_for("chat.postMessage")
    assert post["channel"] == channel and post["thread_ts"] == "1700000601.000100"


@pytest.mark.parametrize("extra", [
    {"subtype": "channel_join"},
    {"bot_id": "B0OTHER"},
    {"user": BOT_USER},
    {"subtype": "message_changed", "hidden": True},
], ids=["join", "other bot", "itself", "edit"])
def test_all_channel_ignores_what_is_not_a_persons_message(deliver, fake_slack, extra):
    """Joins, bots (itself included) and edits are never answered, even in an `all` channel."""
    deliver(event_callback(channel_message("equity", channel=ALL, ts="1700000700.000100", **extra),
                           event_id="EvNoise"))
    fake_slack.wait_for("chat.postMessage", timeout=1.0)
    assert posts_in(fake_slack, ALL) == []
