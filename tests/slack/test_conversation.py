"""Conversations in Slack, through the real Bolt app with signed deliveries and the fake Web API:
a DM and a channel thread remember what was said, kept in the state store; threads, DMs and
people never share context; a kept answer is never reused where the conversation changes it."""

import itertools
import json

import pytest
from slack_fakes import TEAM, direct_message, event_callback, mention
from slack_harness import Deliver, make_app

from evalbot.slack.app import drain
from evalbot.slack.conversation import conversation_key
from evalbot.store import open_store
from evalbot.store.conversations import SqlConversations

@pytest.fixture()
def store(tmp_path):
    """The state store, in a SQLite file as `serve` uses by default."""
    return open_store(data_dir=tmp_path / "store")


@pytest.fixture()
def conversations(store) -> SqlConversations:
    return SqlConversations(engine=store.engine)


@pytest.fixture()
def send(settings, brain, store, fake_slack):
    """`send(event)`: deliver one signed event (a fresh event id each time); the message evalbot posted."""
    app = make_app(settings, brain, store=store)
    deliver, ids = Deliver(app), itertools.count(1)

    def run(event: dict) -> dict:
        sent = len(fake_slack.calls_to("chat.postMessage"))
        deliver(event_callback(event, event_id=f"EvConv{next(ids)}"))
        return fake_slack.wait_for("chat.postMessage", count=sent + 1)[sent]

    yield run
    drain(app)


def _shows(post: dict, figure: str) -> bool:
    return figure in json.dumps(post["blocks"])


def test_a_dm_follow_up_fills_in_the_missing_input(send):
    """In a DM, `roi cost=2M` asks for the benefit; "benefit is 10M" then computes 5.0x in the DM."""
    asked = send(direct_message("roi cost=2M", ts="1700000010.000001"))
    assert "I still need" in json.dumps(asked["blocks"]) and not _shows(asked, "5.0x")
    done = send(direct_message("benefit is 10M", ts="1700000011.000001"))
    assert done["channel"] == "D0DM0001" and "thread_ts" not in done and _shows(done, "5.0x")


def test_a_thread_follow_up_is_a_what_if_on_the_threads_calculation(send):
    """A mention starts a thread; a mention in that thread ("what if we prevent 5 incidents") recomputes it."""
    first = send(mention("roi cost=2M incidents=10 incident_cost=1M", ts="1700000020.000001"))
    assert first["thread_ts"] == "1700000020.000001" and _shows(first, "5.0x")
    follow = send(mention("what if we prevent 5 incidents", ts="1700000021.000001", thread_ts="1700000020.000001"))
    assert follow["thread_ts"] == "1700000020.000001" and _shows(follow, "2.5x")


def test_two_threads_are_kept_apart(send):
    """Two threads in one channel, interleaved: each benefit completes its own thread's cost."""
    send(mention("roi cost=2M", ts="1700000030.000001"))
    send(mention("roi cost=5M", ts="1700000031.000001"))
    second = send(mention("benefit=10M", ts="1700000032.000001", thread_ts="1700000031.000001"))
    first = send(mention("benefit=10M", ts="1700000033.000001", thread_ts="1700000030.000001"))
    assert _shows(second, "2.0x") and _shows(first, "5.0x")


def test_a_dm_thread_is_its_own_conversation(send):
    """A DM's top level and a thread inside it do not share context."""
    send(direct_message("roi cost=2M", ts="1700000040.000001"))
    in_thread = send(direct_message("benefit=10M", ts="1700000041.000001", thread_ts="1700000039.000001"))
    assert not _shows(in_thread, "5.0x")
    top = send(direct_message("benefit=10M", ts="1700000042.000001"))
    assert _shows(top, "5.0x")


def test_people_in_one_thread_do_not_share_context(send):
    """Another person's figure in the same thread does not complete someone else's calculation."""
    send(mention("roi cost=2M", ts="1700000050.000001"))
    other = send(mention("benefit=10M", user="U0OTHER1", ts="1700000051.000001", thread_ts="1700000050.000001"))
    assert not _shows(other, "5.0x")


def test_a_kept_answer_is_not_reused_where_the_conversation_changes_it(send):
    """"benefit=10M" answered once on its own (and kept) is still a calculation after `roi cost=2M`,
    and the follow-up's answer is never handed to someone asking the same words afresh."""
    alone = send(direct_message("benefit=10M", user="U0ALONE1", channel="D0DM0002", ts="1700000060.000001"))
    send(direct_message("roi cost=2M", ts="1700000061.000001"))
    followed = send(direct_message("benefit=10M", ts="1700000062.000001"))
    again = send(direct_message("benefit=10M", user="U0ALONE2", channel="D0DM0003", ts="1700000063.000001"))
    assert not _shows(alone, "5.0x") and _shows(followed, "5.0x") and not _shows(again, "5.0x")
    assert again["blocks"][0] == alone["blocks"][0]


def test_context_lives_in_the_state_store(send, conversations):
    """The DM's state is a row of the conversations table, under the DM's key."""
    send(direct_message("roi cost=2M", ts="1700000070.000001"))
    key = conversation_key(direct_message("x"), team=TEAM)
    saved = conversations.load(key)
    assert saved["calculator"] == "roi" and saved["inputs"] == {"cost": "2M"} and saved["asking"] == "benefit"


@pytest.mark.parametrize(
    ("event", "key"),
    [
        ({"channel": "D1", "user": "U1", "ts": "1.1", "channel_type": "im"}, "slack:T:D1:top:U1"),
        ({"channel": "D1", "user": "U1", "ts": "1.2", "thread_ts": "1.0", "channel_type": "im"}, "slack:T:D1:1.0:U1"),
        ({"channel": "C1", "user": "U1", "ts": "2.5"}, "slack:T:C1:2.5:U1"),
        ({"channel": "C1", "user": "U1", "ts": "2.6", "thread_ts": "2.5"}, "slack:T:C1:2.5:U1"),
        ({"channel": "C1", "user": "U2", "ts": "2.7", "thread_ts": "2.5"}, "slack:T:C1:2.5:U2"),
        ({"channel": "C1", "ts": "2.8"}, None),
        ({"user": "U1", "ts": "2.9"}, None),
        ({"channel": 5, "user": "U1"}, None),
        ({"channel": "C1", "user": "U1", "ts": "3.0", "thread_ts": None}, "slack:T:C1:3.0:U1"),
    ],
)
def test_conversation_keys(event, key):
    """A DM's top level is one conversation, a thread (DM or channel) another, per person; odd events have none."""
    assert conversation_key(event, team="T") == key
