"""Ask a person through the real Bolt app and the fake Web API: question -> experts channel -> expert's reply
-> asker's thread -> `evalbot report`."""

import csv
import io
import json
import subprocess
import sys
import time

import pytest
from slack_fakes import BOT_ID, TEAM, block_actions, event_callback, mention, slash_command
from slack_harness import Deliver, make_app

from evalbot.feedback.present import as_csv, as_text
from evalbot.feedback.report import build_report
from evalbot.feedback.service import Feedback
from evalbot.rendering.feedback import FEEDBACK_ACTION
from evalbot.rendering.handoff import ASK_PERSON_ACTION
from evalbot.slack.app import drain

EXPERTS, ASKED_IN, ASKED_AT = "C0EXPERTS", "C0CHAN01", "1700000001.000100"
POSTED_TS = "1700000000.000200"  # the fake Web API's ts for every chat.postMessage
OUT_OF_SCOPE = "which eval vendors do we already have a contract with?"
ADMIN = "U0ADMIN1"


@pytest.fixture()
def with_experts(settings):
    return settings.model_copy(update={"evalbot_experts_channel": EXPERTS})


@pytest.fixture()
def deliver(with_experts, brain):
    """The app as `serve` builds it: state store, feedback buttons and question log, the experts channel."""
    store = with_experts.open_store()
    feedback = Feedback.from_store(store, retention_days=90, admins=frozenset({ADMIN}))
    app = make_app(with_experts, brain, store=store, feedback=feedback)
    yield Deliver(app)
    drain(app)
    store.close()


def buttons(message: dict) -> list[dict]:
    return [element for block in message.get("blocks") or [] if block["type"] == "actions"
            for element in block["elements"]]


def person_button(message: dict) -> dict | None:
    found = [b for b in buttons(message) if "person" in b["text"]["text"].lower()]
    return found[0] if found else None


def click(deliver, button: dict, *, message: dict, user: str = "U0USER01", channel: str = ASKED_IN,
          message_ts: str = POSTED_TS, ephemeral_url: str | None = None):
    """A click on `button` of the posted `message` (an ephemeral one answers `ephemeral_url`), as Slack sends it;
    the response and its time."""
    action = {"action_id": button["action_id"], "value": button["value"], "type": "button"}
    body = block_actions(action, user=user, channel=channel, message={**message, "ts": message_ts},
                         container={"type": "message", "message_ts": message_ts, "channel_id": channel,
                                    "is_ephemeral": ephemeral_url is not None}, response_url=ephemeral_url)
    started = time.perf_counter()
    response = deliver.form(body)
    return response, time.perf_counter() - started


def expert_reply(text: str, *, thread_ts: str = POSTED_TS, user: str = "U0EXPERT1", ts: str = "1700000050.000100",
                 **extra) -> dict:
    event = {"type": "message", "channel": EXPERTS, "channel_type": "channel", "user": user, "text": text,
             "ts": ts, "event_ts": ts, "thread_ts": thread_ts, "team": TEAM}
    return {**event, **extra}


def ask_and_hand_off(deliver, fake_slack) -> dict:
    """A declined mention, and one click on its button; the answer posted."""
    deliver(event_callback(mention(OUT_OF_SCOPE, ts=ASKED_AT), event_id="EvAsk1"))
    [answer] = fake_slack.wait_for("chat.postMessage")
    response, elapsed = click(deliver, person_button(answer), message=answer)
    assert response.status == 200 and elapsed < 3
    fake_slack.wait_for("chat.postMessage", 2)
    return answer


def test_round_trip_from_question_to_report(deliver, fake_slack, with_experts, tmp_path):
    """The whole hand-off: button, experts channel with a link, asker told, expert credited, report lists it."""
    answer = ask_and_hand_off(deliver, fake_slack)
    assert "person" in person_button(answer)["text"]["text"].lower()
    to_experts, told = fake_slack.calls_to("chat.postMessage")[1:3]
    assert to_experts["channel"] == EXPERTS
    shown = json.dumps(to_experts["blocks"])
    assert "which eval vendors" in shown and "<@U0USER01>" in shown and "archives/C0CHAN01" in shown
    assert told["channel"] == ASKED_IN and told["thread_ts"] == ASKED_AT and EXPERTS in told["text"]
    [update] = fake_slack.calls_to("chat.update")
    assert person_button(update) is None and "U0USER01" in json.dumps(update["blocks"])

    deliver(event_callback(expert_reply("We have contracts with Acme Evals and Scale; ask procurement."),
                           event_id="EvExpert1"))
    posts = fake_slack.wait_for("chat.postMessage", 4)
    back = posts[3]
    assert back["channel"] == ASKED_IN and back["thread_ts"] == ASKED_AT
    assert "<@U0EXPERT1>" in back["text"] and "Acme Evals" in json.dumps(back["blocks"])

    env = {"PATH": "/usr/bin:/bin", "EVALBOT_DATA_DIR": str(with_experts.evalbot_data_dir)}
    done = subprocess.run([sys.executable, "-m", "evalbot", "report", "--json"], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    [given] = json.loads(done.stdout)["expert_answers"]
    assert given["question"] == OUT_OF_SCOPE and "Acme Evals" in given["answer"] and given["expert"] == "U0EXPERT1"


def test_draft_overlay_drafts_the_experts_answer(deliver, fake_slack, with_experts, tmp_path):
    """--draft-overlay writes a topic whose summary is the expert's words and whose first example is the question."""
    ask_and_hand_off(deliver, fake_slack)
    deliver(event_callback(expert_reply("We have contracts with Acme Evals and Scale; ask procurement."),
                           event_id="EvExpert2"))
    env = {"PATH": "/usr/bin:/bin", "EVALBOT_DATA_DIR": str(with_experts.evalbot_data_dir)}
    done = subprocess.run([sys.executable, "-m", "evalbot", "report", "--draft-overlay", str(tmp_path / "overlay")],
                          env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    [drafted] = [p for p in (tmp_path / "overlay" / "topics").glob("gap-expert-*.yaml")]
    text = drafted.read_text()
    assert "Acme Evals" in text and OUT_OF_SCOPE in text and "FILL IN" in text and "U0EXPERT1" in text


def test_a_second_click_sends_the_question_once(deliver, fake_slack):
    """Clicking the same button again tells the clicker it went already; the experts get one post."""
    answer = ask_and_hand_off(deliver, fake_slack)
    click(deliver, person_button(answer), message=answer)
    time.sleep(0.3)
    assert len([p for p in fake_slack.calls_to("chat.postMessage") if p["channel"] == EXPERTS]) == 1
    [note] = fake_slack.calls_to("response_url:cmd") or fake_slack.calls_to("chat.postEphemeral")
    assert "already" in json.dumps(note)


@pytest.mark.parametrize("event", [
    expert_reply("bot chatter", bot_id="B0OTHER"),
    expert_reply("from evalbot itself", bot_id=BOT_ID),
    expert_reply("edited", subtype="message_changed", hidden=True),
    expert_reply("a reply in another thread", thread_ts="1700000099.000100"),
], ids=["other bot", "itself", "edit", "other thread"])
def test_only_a_persons_reply_in_the_hand_off_thread_goes_back(deliver, fake_slack, event):
    """Bots, edits and other threads of the experts channel are not relayed."""
    ask_and_hand_off(deliver, fake_slack)
    deliver(event_callback(event, event_id="EvNotExpert"))
    time.sleep(0.5)
    assert len(fake_slack.calls_to("chat.postMessage")) == 3


def test_a_reply_also_sent_to_the_channel_goes_back(deliver, fake_slack):
    """An expert's reply with "Also send to #channel" (subtype thread_broadcast) is relayed like any reply."""
    ask_and_hand_off(deliver, fake_slack)
    deliver(event_callback(expert_reply("Acme, see procurement.", subtype="thread_broadcast"), event_id="EvBroadcast"))
    back = fake_slack.wait_for("chat.postMessage", 4)[3]
    assert back["channel"] == ASKED_IN and "<@U0EXPERT1>" in back["text"]


def test_a_retried_expert_reply_goes_back_once(deliver, fake_slack):
    """Slack's retry of the expert's reply (same event id) is not posted again."""
    ask_and_hand_off(deliver, fake_slack)
    for _ in range(2):
        deliver(event_callback(expert_reply("Acme."), event_id="EvExpertRetry"), headers={"x-slack-retry-num": "1"})
    fake_slack.wait_for("chat.postMessage", 5, timeout=1.5)
    assert len(fake_slack.calls_to("chat.postMessage")) == 4


def test_relayed_text_never_pings(deliver, fake_slack):
    """`<!channel>` in the expert's reply arrives as text."""
    ask_and_hand_off(deliver, fake_slack)
    deliver(event_callback(expert_reply("<!channel> Acme <!here>"), event_id="EvPing"))
    back = fake_slack.wait_for("chat.postMessage", 4)[3]
    assert "<!" not in json.dumps(back)


def test_a_confident_answer_offers_no_person(deliver, fake_slack):
    """A sure answer carries only its feedback buttons."""
    deliver(event_callback(mention("roi cost=2M benefit=10M", ts=ASKED_AT), event_id="EvSure"))
    [answer] = fake_slack.wait_for("chat.postMessage")
    assert person_button(answer) is None


def test_without_the_setting_nothing_is_offered(settings, brain, fake_slack):
    """No EVALBOT_EXPERTS_CHANNEL: a declined question has no button."""
    app = make_app(settings, brain)
    try:
        Deliver(app)(event_callback(mention(OUT_OF_SCOPE, ts=ASKED_AT), event_id="EvNoExperts"))
        [answer] = fake_slack.wait_for("chat.postMessage")
        assert person_button(answer) is None and "person" not in json.dumps(answer).lower()
    finally:
        drain(app)


def test_a_downvote_offers_a_person_privately(deliver, fake_slack):
    """👎 on an answer: a private message beside it offers the button, which hands off to that thread."""
    deliver(event_callback(mention("how do I pitch the eval budget to the board?", ts=ASKED_AT), event_id="EvDown"))
    [answer] = fake_slack.wait_for("chat.postMessage")
    [feedback] = [b for b in answer["blocks"] if b["type"] == "context_actions"]
    down = feedback["elements"][0]["negative_button"]["value"]
    deliver.form(block_actions({"action_id": FEEDBACK_ACTION, "type": "feedback_buttons", "value": down},
                               message={**answer, "ts": POSTED_TS, "thread_ts": ASKED_AT},
                               container={"type": "message", "message_ts": POSTED_TS, "channel_id": ASKED_IN,
                                          "is_ephemeral": False}))
    [offer] = fake_slack.wait_for("chat.postEphemeral")
    assert offer["user"] == "U0USER01" and offer["thread_ts"] == ASKED_AT
    offer_blocks = offer["blocks"] if isinstance(offer["blocks"], list) else json.loads(offer["blocks"])
    button = person_button({"blocks": offer_blocks})
    click(deliver, button, message={"blocks": offer_blocks, "text": offer["text"]}, message_ts="1700000003.000300",
          ephemeral_url=fake_slack.response_url("offer"))
    posts = fake_slack.wait_for("chat.postMessage", 3)
    [to_experts] = [p for p in posts if p["channel"] == EXPERTS]
    assert "pitch the eval budget" in json.dumps(to_experts["blocks"])
    link = f"archives/C0CHAN01/p1700000000000200?thread_ts={ASKED_AT}&amp;cid=C0CHAN01"  # the rated answer, in thread
    assert link in to_experts["blocks"][0]["text"]["text"]
    assert posts[-1]["channel"] == ASKED_IN and posts[-1]["thread_ts"] == ASKED_AT  # the asker told, in thread
    [replaced] = fake_slack.wait_for("response_url:offer")
    assert replaced["replace_original"] is True and person_button(replaced) is None


def test_a_private_question_hands_off_and_comes_back_in_the_dm(deliver, fake_slack):
    """/evalbot's private answer: the expert's reply reaches the asker in their DM."""
    response = deliver.form(slash_command(OUT_OF_SCOPE, response_url=fake_slack.response_url()))
    answer = json.loads(response.body)
    action = person_button(answer)
    body = block_actions({"action_id": ASK_PERSON_ACTION, "value": action["value"], "type": "button"},
                         container={"type": "message", "message_ts": "1700000002.0", "channel_id": ASKED_IN,
                                    "is_ephemeral": True},
                         message=answer, response_url=fake_slack.response_url("eph"))
    deliver.form(body)
    fake_slack.wait_for("chat.postMessage", 2)
    deliver(event_callback(expert_reply("Acme."), event_id="EvPrivate"))
    back = fake_slack.wait_for("chat.postMessage", 3)[2]
    assert back["channel"] == "U0USER01" and "<@U0EXPERT1>" in back["text"]


def test_when_the_experts_channel_refuses_the_clicker_is_told_and_may_retry(deliver, fake_slack):
    """`not_in_channel`: the clicker hears it did not go, and a second click sends it."""
    deliver(event_callback(mention(OUT_OF_SCOPE, ts=ASKED_AT), event_id="EvRefused"))
    [answer] = fake_slack.wait_for("chat.postMessage")
    fake_slack.script("chat.postMessage", (200, {}, {"ok": False, "error": "not_in_channel"}))
    click(deliver, person_button(answer), message=answer)
    time.sleep(0.3)
    assert "could not reach" in json.dumps(fake_slack.calls_to("response_url:cmd")
                                           + fake_slack.calls_to("chat.postEphemeral"))
    click(deliver, person_button(answer), message=answer)
    posts = fake_slack.wait_for("chat.postMessage", 4)
    assert [p["channel"] for p in posts] == [ASKED_IN, EXPERTS, EXPERTS, ASKED_IN]


def test_report_lists_expert_answers_per_workspace(deliver, fake_slack, with_experts):
    """build_report's expert_answers follow --team like the rest of the report, in text and CSV too."""
    ask_and_hand_off(deliver, fake_slack)
    deliver(event_callback(expert_reply("Acme."), event_id="EvTeam"))
    fake_slack.wait_for("chat.postMessage", 4)
    engine = deliver.app.deps.store.engine
    assert [a.expert for a in build_report(engine, days=1, teams=[TEAM]).expert_answers] == ["U0EXPERT1"]
    assert build_report(engine, days=1, teams=["T0OTHER"]).expert_answers == []
    report = build_report(engine, days=1)
    assert "Acme." in as_text(report) and "answered by U0EXPERT1" in as_text(report)
    [row] = [r for r in csv.DictReader(io.StringIO(as_csv(report))) if r["section"] == "expert_answer"]
    assert row["text"] == OUT_OF_SCOPE and row["answer"] == "Acme." and row["expert"] == "U0EXPERT1"


def test_forget_deletes_what_a_person_asked_or_answered(deliver, fake_slack, with_experts, tmp_path):
    """`evalbot forget --user` removes the expert's answers (and the asker's hand-offs) from the report."""
    ask_and_hand_off(deliver, fake_slack)
    deliver(event_callback(expert_reply("Acme."), event_id="EvForget"))
    fake_slack.wait_for("chat.postMessage", 4)
    env = {"PATH": "/usr/bin:/bin", "EVALBOT_DATA_DIR": str(with_experts.evalbot_data_dir)}
    done = subprocess.run([sys.executable, "-m", "evalbot", "forget", "--user", "U0EXPERT1"], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "1 Ask-a-person row(s) deleted" in done.stdout, done.stdout + done.stderr
    assert build_report(deliver.app.deps.store.engine, days=1).expert_answers == []


def test_the_admin_home_shows_the_week_and_the_experts_answers(deliver, fake_slack):
    """The admin's Home section carries the report's facts: figures, gaps, experts' answers, the --html command."""
    ask_and_hand_off(deliver, fake_slack)
    deliver(event_callback(expert_reply("We have contracts with Acme Evals."), event_id="EvHomeExpert"))
    fake_slack.wait_for("chat.postMessage", 4)
    event = {"type": "app_home_opened", "user": ADMIN, "channel": "D0DM0001", "tab": "home", "event_ts": "1.1"}
    deliver(event_callback(event, event_id="EvHomeAdmin"))
    [publish] = fake_slack.wait_for("views.publish")
    shown = json.dumps(publish["view"], ensure_ascii=False)
    assert "1 answer from people" in shown and "which eval vendors" in shown
    assert "Acme Evals" in shown and "<@U0EXPERT1>" in shown and "report --html" in shown
