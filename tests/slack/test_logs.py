"""Logs: one JSON object a line, a request id per delivery, and never a token or the signing secret."""

import io
import json
import logging

import pytest
from slack_fakes import SECRET, TOKEN, block_actions, event_callback, mention, slash_command
from test_wsgi import Client

from evalbot.logs import JsonFormatter
from evalbot.rendering.block_kit import PICK_ACTION
from evalbot.slack.transport.wsgi import SlackWsgiApp


@pytest.fixture()
def log_lines():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter(secrets=(SECRET, TOKEN)))
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)
    root.setLevel(old_level)


def test_no_secret_ever_reaches_the_logs(app, fake_slack, log_lines, monkeypatch):
    http = Client(SlackWsgiApp(app=app, signing_secret=SECRET))
    # A user pasting the token, a failing send echoing it, a bad signature, a crash: all logged, none leaking.
    http.signed(
        slash_command(f"my token is {TOKEN} and secret {SECRET}"), content_type="application/x-www-form-urlencoded"
    )
    fake_slack.script("chat.postMessage", (200, {}, {"ok": False, "error": f"invalid_auth {TOKEN}"}))
    http.signed(event_callback(mention(f"leak {TOKEN}"), event_id="EvLeak"))
    http.signed(event_callback(mention("x")), secret="wrong")
    monkeypatch.setattr(
        "evalbot.slack.ready_answers.ReadyAnswers.message",
        lambda *a, **k: (_ for _ in ()).throw(RuntimeError(f"crash with {SECRET} {TOKEN}")),
    )
    from slack_fakes import direct_message

    http.signed(event_callback(direct_message("hi"), event_id="EvCrash"))
    assert app.listener_runner.listener_executor.wait_idle(10)
    lines = log_lines()
    raw = json.dumps(lines)
    assert lines and TOKEN not in raw and SECRET not in raw
    assert any("traceback" in line for line in lines)


def test_every_delivery_line_has_a_request_id(app, fake_slack, log_lines):
    http = Client(SlackWsgiApp(app=app, signing_secret=SECRET))
    http.signed(event_callback(mention("budget"), event_id="EvRid1"))
    http.signed(event_callback(mention("budget"), event_id="EvRid2"))
    assert app.listener_runner.listener_executor.wait_idle(10)
    deliveries = [line for line in log_lines() if line["message"].startswith("delivery")]
    assert len(deliveries) == 2 and len({d["request_id"] for d in deliveries}) == 2


def test_listener_threads_log_with_their_deliverys_request_id(app, fake_slack, log_lines):
    """A button's answer is posted in a listener thread after the ack; its failure carries the click's request id."""
    http = Client(SlackWsgiApp(app=app, signing_secret=SECRET))
    fake_slack.script("chat.postMessage", (200, {}, {"ok": False, "error": "channel_not_found"}))
    click = {"action_id": f"{PICK_ACTION}:rel:1", "value": "board-pitch"}
    http.signed(block_actions(click, message={"type": "message", "ts": "1700000001.000100"}),
                content_type="application/x-www-form-urlencoded")
    assert app.listener_runner.listener_executor.wait_idle(10)
    lines = log_lines()
    delivery = next(line for line in lines if line["message"].startswith("delivery"))
    failure = next(line for line in lines if line["message"].startswith("could not post"))
    assert failure["request_id"] == delivery["request_id"] and failure["reference"]


def test_bolt_leaves_the_evalbot_loggers_level_alone(deliver, fake_slack):
    """Bolt sets the level of the logger named after the app on every delivery; that must not be ours."""
    ours = logging.getLogger("evalbot")
    saved = ours.level
    ours.setLevel(logging.ERROR)
    try:
        deliver(event_callback(mention("budget"), event_id="EvLevel"))
        assert ours.level == logging.ERROR
    finally:
        ours.setLevel(saved)


def test_a_rate_limited_user_is_logged_by_hash_never_by_id(settings, brain, fake_slack, caplog):
    """The "rate limited" line carries the salted user hash, as the question log does; the raw id appears nowhere."""
    import logging as logging_

    from slack_fakes import direct_message, event_callback
    from slack_harness import Deliver, make_app

    from evalbot.feedback.service import Feedback
    from evalbot.slack.app import drain
    from evalbot.slack.transport.rate_limit import RateLimiter

    store = settings.open_store()
    feedback = Feedback.from_store(store, retention_days=90)
    app = make_app(settings, brain, store=store, feedback=feedback, limiter=RateLimiter(burst=1, per_second=0.01))
    try:
        with caplog.at_level(logging_.INFO):
            for n in range(2):
                Deliver(app)(event_callback(direct_message(f"budget {n}", user="U0SECRET1", ts=f"1700000900.{n}"),
                                            event_id=f"EvFlood{n}"))
        [line] = [r for r in caplog.records if r.getMessage() == "rate limited"]
        assert line.user_hash == feedback.questions.hash_user("U0SECRET1")
        assert not [r for r in caplog.records if "U0SECRET1" in str(vars(r))]
    finally:
        drain(app)
