"""`/evalbot`: an ephemeral answer in the ack itself, with a share button; escaping; rate limit."""

import json
import time

from slack_fakes import slash_command
from slack_harness import body_json

from evalbot.rendering.share import SHARE_ACTION


def test_answers_in_the_ack_ephemerally_with_a_share_button(deliver, fake_slack):
    started = time.perf_counter()
    response = deliver.form(slash_command("how do I pitch the eval budget to the board?"))
    elapsed = time.perf_counter() - started
    body = body_json(response)
    assert response.status == 200 and elapsed < 3
    assert body["response_type"] == "ephemeral"
    assert body["text"] and body["blocks"][0]["type"] == "header"
    share = [
        e for b in body["blocks"] if b["type"] == "actions" for e in b["elements"] if e["action_id"] == SHARE_ACTION
    ]
    assert share and share[0]["value"].startswith("q:")
    assert fake_slack.calls_to("chat.postMessage") == []


def test_help_for_empty_text(deliver):
    body = body_json(deliver.form(slash_command("")))
    assert body["blocks"][0]["text"]["text"]


def test_user_text_is_escaped_everywhere(deliver):
    response = deliver.form(slash_command("template <!channel> <!here> & <@U999> <script>"))
    assert "<!channel>" not in response.body and "<!here>" not in response.body
    assert "<script>" not in response.body


def test_bad_input_gets_a_clear_error_without_share(deliver):
    body = body_json(deliver.form(slash_command("template no-such-template-xyz")))
    text = json.dumps(body["blocks"])
    assert "no-such-template-xyz" in text or "template" in text
    assert SHARE_ACTION not in text


def test_rate_limit_answers_politely(deliver):
    for _ in range(20):
        deliver.form(slash_command("budget", user="UFLOOD"))
    body = body_json(deliver.form(slash_command("budget", user="UFLOOD")))
    assert body["blocks"][0]["text"]["text"] == "One moment, please"
    other = body_json(deliver.form(slash_command("budget", user="UCALM")))
    assert other["blocks"][0]["text"]["text"] != "One moment, please"


def test_a_slow_answer_is_acked_in_time_and_follows_by_response_url(deliver, fake_slack, monkeypatch):
    from evalbot.slack.listeners.commands import evalbot_command
    from evalbot.slack.ready_answers import ReadyAnswers

    original = ReadyAnswers.private

    def slow(self, text):
        time.sleep(0.5)
        return original(self, text)

    monkeypatch.setattr(evalbot_command, "ACK_BUDGET_SECONDS", 0.1)
    monkeypatch.setattr(ReadyAnswers, "private", slow)
    started = time.perf_counter()
    response = deliver.form(slash_command("board pitch", response_url=fake_slack.response_url("slow")), wait=False)
    assert time.perf_counter() - started < 0.45
    assert body_json(response)["text"] == "Working on it…"
    [followup] = fake_slack.wait_for("response_url:slow")
    assert followup["replace_original"] is True and followup["blocks"][0]["type"] == "header"


def test_a_slow_answer_that_fails_apologises_by_response_url(deliver, fake_slack, monkeypatch):
    from evalbot.slack.listeners.commands import evalbot_command

    def slow_failure(*args, **kwargs):
        time.sleep(0.3)
        raise RuntimeError("kaboom")

    monkeypatch.setattr(evalbot_command, "ACK_BUDGET_SECONDS", 0.05)
    monkeypatch.setattr("evalbot.slack.ready_answers.ReadyAnswers.private", slow_failure)
    response = deliver.form(slash_command("board pitch", response_url=fake_slack.response_url("late")), wait=False)
    assert body_json(response)["text"] == "Working on it…"
    [apology] = fake_slack.wait_for("response_url:late")
    assert apology["response_type"] == "ephemeral" and "Reference" in json.dumps(apology["blocks"])
