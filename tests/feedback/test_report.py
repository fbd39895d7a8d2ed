"""The knowledge-gap report: grouped unanswered questions, ratings, volume, confidence; text, JSON and CSV."""

import csv
import io
import json

import pytest

from evalbot.core.reply import Choice, Reply, ReplyKind
from evalbot.feedback.present import as_csv, as_json, as_text
from evalbot.feedback.recording import QuestionLog
from evalbot.feedback.report import build_report
from evalbot.feedback.retention import DAY
from evalbot.feedback.votes import Reason, Vote, VoteBook

OUT = ReplyKind.OUT_OF_SCOPE


def _reply(intent, confidence, kind=ReplyKind.TOPIC, near=()):
    return Reply(intent=intent, kind=kind, confidence=confidence, title="t",
                 did_you_mean=[Choice(intent=i, label=i) for i in near])


@pytest.fixture()
def filled(store, clock):
    """A week of traffic: two gaps asked several ways, answered topics, and votes."""
    log = QuestionLog(engine=store.engine, retention_days=90, clock=clock)
    book = VoteBook(engine=store.engine, clock=clock)
    asked = [
        ("what are the salary bands for a director of ml quality here", _reply("out-of-scope", 0.9, OUT, ["compensation"])),
        ("salary bands for director of ml quality?", _reply("out-of-scope", 0.8, OUT, ["compensation"])),
        ("director of ML quality salary bands at our company", _reply("out-of-scope", 0.85, OUT, ["compensation"])),
        ("how do I get a SOC2 auditor to accept our eval logs", _reply("out-of-scope", 0.7, OUT, ["m-and-a"])),
        ("what exercise window can I ask for", _reply("equity-negotiation", 0.95)),
        ("how do i pitch the budget to the board", _reply("board-pitch", 0.92)),
        ("board pitch tips", _reply("board-pitch", 0.88)),
    ]
    for n, (text, reply) in enumerate(asked):
        log.record(reply, question=text, user=f"U{n}", team="T1", reply_ref=f"r{n}")
    book.record(reply_ref="r4", user_hash="a", team_id="T1", vote=Vote.UP, intent="equity-negotiation", confidence=0.95)
    book.record(reply_ref="r5", user_hash="a", team_id="T1", vote=Vote.DOWN, intent="board-pitch", confidence=0.92)
    book.give_reason(reply_ref="r5", user_hash="a", reason=Reason.NOT_SPECIFIC, comment="too generic")
    book.record(reply_ref="r6", user_hash="b", team_id="T1", vote=Vote.DOWN, intent="board-pitch", confidence=0.88)
    return store


def test_unanswered_questions_are_grouped_with_counts_and_nearest(filled, clock):
    """Three phrasings of one gap are one group of 3, largest first, with their nearest intent."""
    report = build_report(filled.engine, days=7, now=clock.now)
    first, second = report.unanswered
    assert first.count == 3 and first.nearest == ["compensation"] and "salary bands" in first.text
    assert len(first.phrasings) == 3
    assert second.count == 1 and second.nearest == ["m-and-a"]


def test_ratings_volume_and_confidence(filled, clock):
    """Worst-rated first with reasons; volume per intent; every question in one confidence bin."""
    report = build_report(filled.engine, days=7, now=clock.now)
    assert [(r.intent, r.up, r.down) for r in report.ratings] == [("board-pitch", 0, 2), ("equity-negotiation", 1, 0)]
    assert report.ratings[0].reasons == {"not-specific": 1} and report.ratings[0].comments == ["too generic"]
    assert [(v.intent, v.count) for v in report.volume] == [("out-of-scope", 4), ("board-pitch", 2),
                                                            ("equity-negotiation", 1)]
    assert sum(b.count for b in report.confidence) == report.questions == 7
    assert [b.count for b in report.confidence if b.low >= 0.7 - 1e-9] == [1, 3, 3]  # 0.7 | 0.8 .85 .88 | .9 .92 .95


def test_days_limits_the_window(filled, clock):
    """Questions older than --days are left out."""
    clock.now += 10 * DAY
    report = build_report(filled.engine, days=7, now=clock.now)
    assert report.questions == 0 and report.unanswered == [] and report.ratings == []


def test_json_has_the_contract_keys(filled, clock):
    """--json: one object with unanswered {text,count,nearest}, ratings {intent,up,down}, volume {intent,count}."""
    data = json.loads(as_json(build_report(filled.engine, days=7, now=clock.now)))
    assert {"text", "count", "nearest"} <= set(data["unanswered"][0])
    assert {"intent", "up", "down"} <= set(data["ratings"][0]) and {"intent", "count"} <= set(data["volume"][0])


def test_text_report_reads_well(filled, clock):
    """The text report names each section and shows counts, nearest intents and reasons."""
    text = as_text(build_report(filled.engine, days=7, now=clock.now))
    assert "the last 7 days" in text and "7 questions logged" in text
    assert "   3x  " in text and "nearest: compensation" in text
    assert "board-pitch" in text and "👎 2" in text and "not-specific 1" in text and '"too generic"' in text
    assert "Routing confidence" in text


def test_csv_is_one_table_with_a_section_column(filled, clock):
    """--csv parses back with the same figures, one row per item, sectioned."""
    rows = list(csv.DictReader(io.StringIO(as_csv(build_report(filled.engine, days=7, now=clock.now)))))
    sections = [row["section"] for row in rows]
    assert sections.count("unanswered") == 2 and sections.count("rating") == 2 and sections.count("confidence") == 10
    board = next(r for r in rows if r["section"] == "rating" and r["intent"] == "board-pitch")
    assert (board["up"], board["down"], board["reasons"]) == ("0", "2", "not-specific=1")


def test_an_empty_store_gives_an_empty_report(store, clock):
    """Nothing logged yet: the report says so in every section."""
    text = as_text(build_report(store.engine, days=30, now=clock.now))
    assert "0 questions logged" in text and text.count("none") + text.count("no votes yet") >= 2


@pytest.fixture()
def two_workspaces(filled, clock):
    """`filled` (workspace T1) plus workspace T2's own gap and vote."""
    log = QuestionLog(engine=filled.engine, retention_days=90, clock=clock)
    log.record(_reply("out-of-scope", 0.9, OUT, ["m-and-a"]), question="beta corp merger codename bluebird",
               user="U9", team="T2", reply_ref="b1")
    log.record(_reply("roi", 0.95), question="beta roi question", user="U9", team="T2", reply_ref="b2")
    VoteBook(engine=filled.engine, clock=clock).record(reply_ref="b2", user_hash="z", team_id="T2", vote=Vote.DOWN,
                                                       intent="roi", confidence=0.95)
    VoteBook(engine=filled.engine, clock=clock).give_reason(reply_ref="b2", user_hash="z", reason=Reason.OTHER,
                                                           comment="bluebird numbers wrong")
    return filled


@pytest.mark.parametrize(("teams", "covered", "absent"), [
    (["T1"], ["T1"], ["bluebird", '"roi"']),
    (["T2"], ["T2"], ["salary", "board-pitch", "too generic"]),
    (None, ["T1", "T2"], []),
])
def test_a_report_for_some_workspaces_shows_nothing_of_the_others(two_workspaces, clock, teams, covered, absent):
    """With `teams`, no question, vote, comment or intent of another workspace appears, and it names what it covers."""
    report = build_report(two_workspaces.engine, days=7, now=clock.now, teams=teams)
    assert report.teams == covered
    rendered = as_json(report) + as_text(report) + as_csv(report)
    assert not [word for word in absent if word in rendered]
    assert f"Workspaces: {', '.join(covered)}" in as_text(report)
    assert [row["text"] for row in csv.DictReader(io.StringIO(as_csv(report))) if row["section"] == "workspace"] \
        == covered


def test_the_cli_report_takes_team_and_refuses_a_malformed_one(two_workspaces, monkeypatch, capsys, tmp_path):
    """`evalbot report --json --team T2` covers T2 only; `--team beta` is one clear line and exit 2."""
    from evalbot.cli import main

    monkeypatch.setenv("EVALBOT_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.delenv("EVALBOT_DATABASE_URL", raising=False)
    assert main(["report", "--json", "--days", "36500", "--team", "T2"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["teams"] == data["workspaces"] == ["T2"]
    assert "bluebird" in json.dumps(data) and "salary" not in json.dumps(data)
    assert main(["report", "--team", "beta"]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "--team" in error and "T012AB3CD" in error
