"""The calculator form: every bad field reported in the modal; a good form's result sent to the user's DM."""

import json

from slack_fakes import view_submission
from slack_harness import body_json


def test_valid_roi_form_posts_the_result_to_the_users_dm(deliver, fake_slack):
    response = deliver.form(view_submission({"cost": "2M", "incidents": "10", "incident_cost": "1M"}))
    assert response.status == 200 and body_json(response) == {}
    [post] = fake_slack.wait_for("chat.postMessage")
    assert post["channel"] == "U0USER01"
    text = json.dumps(post["blocks"])
    assert "5.0x" in text and "$10M" in text


def test_guide_figure_six_x(deliver, fake_slack):
    deliver.form(view_submission({"cost": "1.5M", "benefit": "10M"}))
    [post] = fake_slack.wait_for("chat.postMessage")
    assert "6.7x" in json.dumps(post["blocks"])


def test_each_bad_field_gets_its_own_error(deliver, fake_slack):
    response = deliver.form(view_submission({"cost": "lots", "benefit": "<!channel>", "incidents": "-3"}))
    body = body_json(response)
    assert body["response_action"] == "errors"
    assert set(body["errors"]) == {"field:cost", "field:benefit", "field:incidents"}
    assert "<!channel>" not in response.body
    assert fake_slack.calls_to("chat.postMessage") == []


def test_missing_alternatives_are_reported_on_a_field(deliver, fake_slack):
    body = body_json(deliver.form(view_submission({"cost": "2M"})))
    assert body["response_action"] == "errors" and len(body["errors"]) == 1
    [message] = body["errors"].values()
    assert message


def test_other_calculators_have_forms_too(deliver, fake_slack):
    deliver.form(
        view_submission(
            {"current": "8", "target": "15", "cost_per_head": "143K"}, metadata='{"calculator": "team-cost"}'
        )
    )
    [post] = fake_slack.wait_for("chat.postMessage")
    assert post["channel"] == "U0USER01"


def test_garbled_metadata_falls_back_to_roi(deliver):
    body = body_json(deliver.form(view_submission({"cost": "x"}, metadata="{not json")))
    assert "field:cost" in body["errors"]
