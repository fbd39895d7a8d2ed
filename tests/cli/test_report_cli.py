"""`evalbot report --draft-overlay`, `evalbot forget` and their bad inputs, as a user runs them."""

import json
import os
import subprocess
import sys

import pytest
import yaml

from evalbot.core.reply import Choice, Reply, ReplyKind
from evalbot.feedback.recording import QuestionLog
from evalbot.feedback.votes import Vote, VoteBook
from evalbot.knowledge_base.models import DRAFT_MARKER
from evalbot.store import open_store

GAP = ["what are the salary bands for a director of ml quality here", "salary bands for director of ml quality?",
       "director of ML quality salary bands at our company"]


def evalbot(*args, data_dir, overlay=None):
    env = {**os.environ, "EVALBOT_DATA_DIR": str(data_dir), "LOG_LEVEL": "WARNING", "EVALBOT_CACHE_DIR": "off"}
    env.pop("EVALBOT_DATABASE_URL", None)
    env.pop("EVALBOT_KNOWLEDGE_DIR", None)
    if overlay is not None:
        env["EVALBOT_KNOWLEDGE_DIR"] = str(overlay)
    return subprocess.run([sys.executable, "-m", "evalbot", *args], capture_output=True, text=True, env=env,
                          timeout=120)


@pytest.fixture()
def data_dir(tmp_path):
    """A state store holding one unanswered gap asked three ways, by two people, and their votes."""
    folder = tmp_path / "state"
    store = open_store(data_dir=folder)
    log = QuestionLog(engine=store.engine, retention_days=90)
    out = Reply(intent="out-of-scope", kind=ReplyKind.OUT_OF_SCOPE, confidence=0.9, title="t",
                did_you_mean=[Choice(intent="compensation", label="Compensation")])
    for n, text in enumerate(GAP):
        log.record(out, question=text, user="U0ADA" if n < 2 else "U0BOB", team="T1", reply_ref=f"r{n}")
    VoteBook(engine=store.engine).record(reply_ref="r0", user_hash=log.hash_user("U0ADA"), team_id="T1",
                                         vote=Vote.DOWN, intent="out-of-scope", confidence=0.9)
    store.close()
    return folder


def _fill(path):
    """Do what a maintainer does: write every FILL IN field, drop the placeholder examples."""
    data = yaml.safe_load(path.read_text())
    data["title"] = "Salary bands for ML quality leaders here"
    data["sources"] = ["Executive Compensation and Negotiation"]
    data["summary"] = "Our bands for directors of ML quality are in the People team's 2026 pay framework."
    data["points"] = ["*Director of ML quality:* band L7 in the 2026 pay framework; ask People Ops for the sheet."]
    data["examples"] = [e for e in data["examples"] if DRAFT_MARKER not in e] + [
        "pay range for ml quality directors", "what do we pay a director of model quality",
        "comp band for head of ml quality", "director ml quality compensation band",
        "how much does a director of ml quality make here"]
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def test_draft_overlay_round_trip_through_check(data_dir, tmp_path):
    """Drafts hold real phrasings and FILL IN markers; check refuses them until filled, then accepts."""
    overlay = tmp_path / "overlay"
    result = evalbot("report", "--draft-overlay", str(overlay), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    [draft] = sorted((overlay / "topics").glob("*.yaml"))
    assert draft.name.startswith("gap-") and str(draft) in result.stdout
    data = yaml.safe_load(draft.read_text())
    assert set(GAP) <= set(data["examples"]) and data["related"] == ["compensation"]
    assert DRAFT_MARKER in data["title"] and DRAFT_MARKER in data["summary"]

    refused = evalbot("check", data_dir=data_dir, overlay=overlay)
    assert refused.returncode == 1 and "still a draft" in refused.stdout and draft.name in refused.stdout
    asked = evalbot("ask", "hello", data_dir=data_dir, overlay=overlay)
    assert asked.returncode == 2 and "still a draft" in asked.stderr

    _fill(draft)
    accepted = evalbot("check", data_dir=data_dir, overlay=overlay)
    assert accepted.returncode == 0, accepted.stdout
    answered = evalbot("ask", "--json", "salary bands for director of ml quality?", data_dir=data_dir,
                       overlay=overlay)
    assert json.loads(answered.stdout)["intent"] == draft.stem


def test_drafts_never_overwrite_a_file_being_filled(data_dir, tmp_path):
    """A second run writes a new file beside the first, leaving the maintainer's edits alone."""
    overlay = tmp_path / "overlay"
    evalbot("report", "--draft-overlay", str(overlay), data_dir=data_dir)
    [first] = (overlay / "topics").glob("*.yaml")
    first.write_text(first.read_text() + "# edited\n")
    evalbot("report", "--draft-overlay", str(overlay), data_dir=data_dir)
    assert first.read_text().endswith("# edited\n") and len(list((overlay / "topics").glob("*.yaml"))) == 2


def test_forget_removes_one_persons_rows(data_dir):
    """`forget --user` deletes that person's questions and votes and says how many."""
    result = evalbot("forget", "--user", "U0ADA", data_dir=data_dir)
    assert result.returncode == 0 and "2 question(s) and 1 vote(s)" in result.stdout
    report = json.loads(evalbot("report", "--json", data_dir=data_dir).stdout)
    assert report["questions"] == 1 and report["ratings"] == []
    again = evalbot("forget", "--user", "U0ADA", data_dir=data_dir)
    assert "0 question(s) and 0 vote(s)" in again.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["forget", "--user", "ada"], "--user must be a Slack user id such as U012AB3CD"),
        (["forget"], "--user"),
        (["report", "--days", "0"], "--days must be 1 or more"),
        (["report", "--json", "--csv"], "not allowed with"),
    ],
)
def test_bad_arguments_are_one_line_and_exit_2(data_dir, args, message):
    """A wrong id, a missing flag or a bad number: exit 2, one line naming it, no traceback."""
    result = evalbot(*args, data_dir=data_dir)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_draft_overlay_onto_a_file_is_refused(data_dir, tmp_path):
    """--draft-overlay naming a regular file is a usage error."""
    (tmp_path / "f").write_text("")
    result = evalbot("report", "--draft-overlay", str(tmp_path / "f"), data_dir=data_dir)
    assert result.returncode == 2 and "is a file, not a folder" in result.stderr
