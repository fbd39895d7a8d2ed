"""Interactions no listener knows are acknowledged (never Bolt's 404, which Slack shows as an error) and logged."""

import json
import logging
from urllib.parse import parse_qs, urlencode

import pytest
from slack_fakes import TEAM, block_actions, view_submission
from slack_harness import body_json

from evalbot.rendering.block_kit import PICK_ACTION


@pytest.fixture()
def info(caplog):
    caplog.set_level(logging.INFO, logger="evalbot.slack.listeners.unhandled.acknowledge")
    return caplog


def test_an_unknown_button_is_acknowledged_and_logged(deliver, fake_slack, info):
    response = deliver.form(block_actions({"action_id": "old_button_from_v0", "value": "x"}))
    assert response.status == 200
    [record] = [r for r in info.records if r.name.endswith("acknowledge")]
    assert record.levelno == logging.INFO and record.action_id == "old_button_from_v0"
    assert fake_slack.calls_to("chat.postMessage") == []


def test_a_known_button_still_reaches_its_own_listener(deliver, fake_slack, info):
    deliver.form(block_actions({"action_id": f"{PICK_ACTION}:rel:0", "value": "equity-negotiation"}))
    assert fake_slack.wait_for("chat.postMessage") and not info.records


def test_an_unknown_form_submission_is_acknowledged_so_the_form_closes(deliver, info):
    body = view_submission({"cost": "2M"}, metadata="{}")
    payload = json.loads(parse_qs(body)["payload"][0])
    payload["view"]["callback_id"] = "form_from_an_older_release"
    response = deliver.form(urlencode({"payload": json.dumps(payload)}))
    assert response.status == 200 and body_json(response) == {}
    [record] = info.records
    assert record.callback_id == "form_from_an_older_release" and record.payload_type == "view_submission"


def test_closing_a_form_is_acknowledged(deliver, info):
    payload = {
        "type": "view_closed",
        "team": {"id": TEAM, "domain": "example"},
        "user": {"id": "U0USER01", "team_id": TEAM},
        "api_app_id": "A0EVALBOT",
        "view": {"id": "V0002", "type": "modal", "callback_id": "evalbot_calculator_form", "app_id": "A0EVALBOT"},
        "is_cleared": False,
    }
    response = deliver.form(urlencode({"payload": json.dumps(payload)}))
    assert response.status == 200
    [record] = info.records
    assert record.payload_type == "view_closed"
