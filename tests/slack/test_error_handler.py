"""Unexpected errors: the user gets a short apology with a reference; the traceback is logged with it."""

import json
import logging

from slack_fakes import event_callback, mention, slash_command
from slack_harness import body_json


class Boom(RuntimeError):
    pass


def explode(*args, **kwargs):
    raise Boom("kaboom")


def test_command_failure_apologises_in_the_ack(deliver, monkeypatch, caplog):
    monkeypatch.setattr("evalbot.slack.ready_answers.ReadyAnswers.private", explode)
    with caplog.at_level(logging.ERROR, logger="evalbot.slack.transport.error_handler"):
        response = deliver.form(slash_command("budget"))
    body = body_json(response)
    assert response.status == 200 and body["response_type"] == "ephemeral"
    [record] = [r for r in caplog.records if r.name == "evalbot.slack.transport.error_handler"]
    assert record.reference in json.dumps(body["blocks"]) and record.exc_info[0] is Boom


def test_mention_failure_apologises_in_the_thread(deliver, fake_slack, monkeypatch, caplog):
    monkeypatch.setattr("evalbot.slack.ready_answers.ReadyAnswers.message", explode)
    with caplog.at_level(logging.ERROR):
        deliver(event_callback(mention("budget", ts="1700000001.000100"), event_id="EvBoom"))
    [post] = fake_slack.wait_for("chat.postMessage")
    reference = next(r.reference for r in caplog.records if getattr(r, "reference", None))
    assert post["thread_ts"] == "1700000001.000100" and reference in json.dumps(post["blocks"])


def test_a_bots_message_never_gets_an_apology(deliver, fake_slack, monkeypatch):
    monkeypatch.setattr("evalbot.slack.transport.middleware.new_request_id", explode)
    deliver(event_callback(mention("budget", bot_id="B0OTHER"), event_id="EvBotBoom"))
    assert fake_slack.wait_for("chat.postMessage", timeout=0.2) == []
