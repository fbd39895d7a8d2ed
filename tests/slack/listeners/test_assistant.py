"""Slack's agent surface through the real Bolt app (signed deliveries, fake Web API): prompts, title, status."""

import pytest
from slack_fakes import BOT_ID, BOT_USER, TEAM, direct_message, event_callback
from slack_harness import Deliver, make_app

from evalbot.rendering.assistant import SUGGESTED_PROMPTS_TITLE, THINKING, suggested_prompts
from evalbot.slack.app import drain

DM = "D0DM0001"
THREAD = "1700000000.000010"
ASSISTANT_CALLS = ("assistant.threads.setTitle", "assistant.threads.setStatus", "assistant.threads.setSuggestedPrompts")


def thread_started(*, event_id: str = "EvStart01") -> str:
    event = {
        "type": "assistant_thread_started",
        "assistant_thread": {
            "user_id": "U0USER01",
            "context": {"channel_id": "C0CHAN01", "team_id": TEAM, "enterprise_id": None},
            "channel_id": DM,
            "thread_ts": THREAD,
        },
        "event_ts": "1700000000.000011",
    }
    return event_callback(event, event_id=event_id)


def question(text: str, *, event_id: str = "EvAsk01", **extra) -> str:
    """A message in the assistant thread (Slack sends it as a DM in a thread whose parent is the bot)."""
    event = direct_message(text, channel=DM, ts="1700000000.000020", thread_ts=THREAD, parent_user_id=BOT_USER,
                           **extra)
    return event_callback(event, event_id=event_id)


def test_a_new_thread_gets_a_greeting_and_suggested_prompts(deliver, fake_slack):
    """assistant_thread_started: the greeting in the thread, then the four prompts with their title."""
    assert deliver(thread_started()).status == 200
    [greeting] = fake_slack.wait_for("chat.postMessage")
    [prompts] = fake_slack.wait_for("assistant.threads.setSuggestedPrompts")
    assert (greeting["channel"], greeting["thread_ts"]) == (DM, THREAD) and "Hi!" in greeting["text"]
    assert (prompts["channel_id"], prompts["thread_ts"], prompts["title"]) == (DM, THREAD, SUGGESTED_PROMPTS_TITLE)
    assert prompts["prompts"] == suggested_prompts()


def test_a_question_is_titled_marked_in_progress_then_answered_in_the_thread(deliver, fake_slack):
    """A question sets the thread title to it and a status, and only then is answered in the thread."""
    assert deliver(question("how long an exercise window can I ask for?")).status == 200
    [answer] = fake_slack.wait_for("chat.postMessage")
    order = [call["method"] for call in fake_slack.calls if call["method"] != "auth.test"]
    assert order == ["assistant.threads.setTitle", "assistant.threads.setStatus", "chat.postMessage"]
    [title] = fake_slack.calls_to("assistant.threads.setTitle")
    [status] = fake_slack.calls_to("assistant.threads.setStatus")
    assert (title["channel_id"], title["thread_ts"], title["title"]) == (DM, THREAD,
                                                                         "how long an exercise window can I ask for?")
    assert status["status"] == THINKING
    assert answer["thread_ts"] == THREAD and "10 years after you leave" in answer["text"]


def test_a_repeated_delivery_is_answered_once(deliver, fake_slack):
    """Slack's retry of the same event_id gets no second answer, title or status."""
    deliver(question("equity"))
    deliver(question("equity"), headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})
    assert len(fake_slack.wait_for("chat.postMessage")) == 1
    assert len(fake_slack.calls_to("assistant.threads.setStatus")) == 1


@pytest.mark.parametrize("error", ["invalid_thread", "missing_scope"])
def test_without_the_surface_a_dm_thread_is_answered_as_before(deliver, fake_slack, error):
    """Where the assistant calls fail (no surface, no scope), the DM thread still gets its answer, once."""
    failure = (200, {}, {"ok": False, "error": error})
    fake_slack.script("assistant.threads.setTitle", failure)
    fake_slack.script("assistant.threads.setStatus", failure)
    deliver(question("what can I negotiate in my equity?"))
    [answer] = fake_slack.wait_for("chat.postMessage")
    assert answer["channel"] == DM and answer["thread_ts"] == THREAD and answer["blocks"][0]["type"] == "header"


def test_a_token_without_the_assistant_scope_makes_no_assistant_calls(settings, brain, fake_slack):
    """When auth.test shows the token lacks assistant:write, evalbot does not try the surface at all."""
    fake_slack.script("auth.test", (200, {"x-oauth-scopes": "chat:write,im:history,app_mentions:read"}, None))
    app = make_app(settings, brain)  # built now, so its auth.test gets the scripted scopes
    try:
        Deliver(app)(question("what can I negotiate in my equity?"))
        fake_slack.wait_for("chat.postMessage")
    finally:
        drain(app)
    assert not [call for call in fake_slack.calls if call["method"] in ASSISTANT_CALLS]


@pytest.mark.parametrize(
    "extra",
    [{"bot_id": BOT_ID, "user": BOT_USER}, {"subtype": "message_changed"}],
    ids=["evalbot's own reply", "an edit"],
)
def test_no_answer_to_the_bot_itself_or_edits_in_a_thread(deliver, fake_slack, extra):
    """The bot's own messages and edits in an assistant thread are acknowledged and not answered."""
    assert deliver(question("equity", **extra)).status == 200
    assert fake_slack.calls_to("chat.postMessage") == []
    assert not [call for call in fake_slack.calls if call["method"] in ASSISTANT_CALLS]


def test_context_changes_are_acknowledged_without_calls(deliver, fake_slack):
    """assistant_thread_context_changed is taken and nothing is written back to Slack."""
    event = {"type": "assistant_thread_context_changed",
             "assistant_thread": {"user_id": "U0USER01", "channel_id": DM, "thread_ts": THREAD,
                                  "context": {"channel_id": "C0OTHER1", "team_id": TEAM}},
             "event_ts": "1700000000.000030"}
    assert deliver(event_callback(event, event_id="EvCtx01")).status == 200
    assert [call["method"] for call in fake_slack.calls if call["method"] != "auth.test"] == []
