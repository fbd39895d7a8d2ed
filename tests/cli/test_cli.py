"""Every CLI mode, run as a user would: `python -m evalbot ...` in a subprocess."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from cli_runner import evalbot

from evalbot.knowledge_base.locate import shipped_knowledge_dir

SPEC = yaml.safe_load((shipped_knowledge_dir() / "intents.yaml").read_text())
SPEC_IDS = {item["id"] for group in ("topics", "calculators", "checklists", "templates", "smalltalk") for item in SPEC[group]}


def test_ask_prints_readable_text(tmp_path):
    """`ask TEXT` prints plain text: no Slack escaping or mrkdwn bold markers."""
    result = evalbot("ask", "how big is a typical VP of AI quality team", cwd=tmp_path)
    out = result.stdout.decode()
    assert result.returncode == 0
    assert "6-10" in out and "*Typical team" not in out and "&amp;" not in out


def test_ask_json_contract():
    """`ask --json TEXT` prints one object with intent, confidence, text and blocks."""
    result = evalbot("ask", "--json", "how big is a typical VP of AI quality team")
    payload = json.loads(result.stdout)
    assert payload["intent"] == "vp-role"
    assert 0 <= payload["confidence"] <= 1
    assert "6-10" in payload["text"]
    assert payload["blocks"][0]["type"] == "header"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("What's the salary range for a VP of AI quality?", "compensation"),
        ("What's the weather in Berlin?", "out-of-scope"),
    ],
)
def test_ask_json_routes_the_issue_examples(text, intent):
    """The foundation issue's own examples route as specified."""
    payload = json.loads(evalbot("ask", "--json", text).stdout)
    assert payload["intent"] == intent


def test_compensation_answer_invents_no_figures():
    """The salary answer says the guide gives no figures and quotes no dollar amounts."""
    payload = json.loads(evalbot("ask", "--json", "What's the salary range for a VP of AI quality?").stdout)
    assert "no figures" in payload["text"]
    assert "$" not in json.dumps(payload["reply"]["sections"][0])


def test_out_of_scope_reply_is_helpful():
    """Out of scope says so plainly and says what the bot covers."""
    payload = json.loads(evalbot("ask", "--json", "What's the weather in Berlin?").stdout)
    text = json.dumps(payload["blocks"])
    assert "outside what I can help with" in text and "What I cover" in text


def test_stdin_json_lines_one_reply_per_line_in_order():
    """Without TEXT, each stdin line gets its own JSON reply, in order; bad lines don't end the run."""
    lines = [b"hi", b"", b"\xff\xfe broken bytes", b'{"text": "thanks!"}', b"{not json", b"what is the weather"]
    result = evalbot("ask", "--json", stdin=b"\n".join(lines) + b"\n")
    replies = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert result.returncode == 0
    assert len(replies) == len(lines)
    assert replies[0]["intent"] == "greeting"
    assert replies[3]["intent"] == "thanks"
    assert replies[5]["intent"] == "out-of-scope"
    assert all({"intent", "confidence", "text", "blocks"} <= reply.keys() for reply in replies)


def test_chat_with_piped_stdin_answers_and_exits_zero():
    """`chat` answers each piped line and exits 0 at EOF."""
    result = evalbot("chat", stdin=b"hello\nwhat can you do\n")
    out = result.stdout.decode()
    assert result.returncode == 0
    assert "Hi!" in out and "What evalbot can do" in out


def test_topics_json_lists_every_spec_id():
    """`topics --json` lists every intent of the spec with id, kind and title."""
    rows = json.loads(evalbot("topics", "--json").stdout)
    assert SPEC_IDS <= {row["id"] for row in rows}
    assert all(set(row) == {"id", "kind", "title"} for row in rows)


def test_topics_plain_lists_ids():
    """`topics` prints one line per intent."""
    out = evalbot("topics").stdout.decode()
    assert "vp-role" in out and "checklist:negotiation" in out


def test_check_passes_on_shipped_knowledge():
    """`check` exits 0 on the shipped knowledge base."""
    result = evalbot("check")
    assert result.returncode == 0, result.stdout
    assert b"knowledge base OK" in result.stdout


def test_check_reports_a_broken_overlay(tmp_path):
    """`check` names the overlay file and field and exits non-zero."""
    (tmp_path / "topics").mkdir()
    (tmp_path / "topics" / "vp-role.yaml").write_text("id: vp-role\ntitle: Mine\n")
    result = evalbot("check", env={"EVALBOT_KNOWLEDGE_DIR": str(tmp_path)})
    assert result.returncode == 1
    assert b"vp-role.yaml: field 'summary'" in result.stdout


def test_ask_with_broken_overlay_is_a_config_error(tmp_path):
    """A broken overlay makes `ask` exit 2 with one clear line, no traceback."""
    (tmp_path / "topics").mkdir()
    (tmp_path / "topics" / "vp-role.yaml").write_text("- not a mapping\n")
    result = evalbot("ask", "hi", env={"EVALBOT_KNOWLEDGE_DIR": str(tmp_path)})
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr and len(result.stderr.decode().strip().splitlines()) == 1


def test_eval_prints_the_report(tmp_path):
    """`eval FILE` prints accuracy, out-of-scope recall/precision, false rejection, with intervals."""
    labelled = tmp_path / "set.jsonl"
    labelled.write_text('{"text": "hello", "intent": "greeting"}\n{"text": "best pizza in town", "intent": "out-of-scope"}\n')
    out = evalbot("eval", str(labelled)).stdout.decode()
    for label in ("in-scope top-1 accuracy", "out-of-scope recall", "out-of-scope precision", "false-rejection rate", "95% CI"):
        assert label in out


def test_eval_with_missing_file_exits_2(tmp_path):
    """A missing labelled file is a usage error."""
    result = evalbot("eval", str(tmp_path / "missing.yaml"))
    assert result.returncode == 2 and b"Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [("frobnicate",), ("ask", "--bogus"), ()],
)
def test_usage_errors_exit_2_with_one_line(args):
    """Bad usage exits 2 with one line on stderr."""
    result = evalbot(*args)
    assert result.returncode == 2
    assert len(result.stderr.decode().strip().splitlines()) == 1


def test_serve_without_configuration_exits_2_naming_variables():
    """`serve --http` without tokens exits 2 and names the missing variables."""
    result = evalbot("serve", "--http")
    assert result.returncode == 2
    assert b"SLACK_BOT_TOKEN" in result.stderr and b"SLACK_SIGNING_SECRET" in result.stderr


def test_python_dash_m_matches_console_script():
    """`python -m evalbot` and the `evalbot` script give the same answer."""
    script = Path(sys.executable).with_name("evalbot")
    if not script.exists():
        pytest.skip("console script not installed in this environment")
    a = subprocess.run([str(script), "ask", "--json", "equity"], capture_output=True, timeout=60).stdout
    b = evalbot("ask", "--json", "equity").stdout
    assert json.loads(a)["intent"] == json.loads(b)["intent"] == "equity-negotiation"


def test_eval_reports_lexical_and_learnt_side_by_side(tmp_path):
    """`eval FILE` accepts `intents` lists, and shows the lexical-only and learnt routers with intervals."""
    labelled = tmp_path / "set.yaml"
    labelled.write_text("- {text: how do I pitch the eval budget to the board, intents: [board-pitch, eval-budget]}\n"
                        "- {text: best pizza in town, intents: [out-of-scope]}\n")
    result = evalbot("eval", str(labelled))
    out = result.stdout.decode()
    assert result.returncode == 0
    assert "lexical only:" in out and "learnt router:" in out
    assert "100.0%  (1/1; 95% CI" in out  # the board question counts as right under either accepted id
    for figure in ("replies with choices", "confidently wrong", "calibration error (ECE)", "AUROC right vs wrong"):
        assert figure in out
    assert "cross-validated on" in out  # how the shipped head was chosen
    assert max(len(line) for line in out.splitlines()) <= 80


def test_eval_with_an_unknown_intent_exits_2_naming_it(tmp_path):
    """A label that is no intent is a clear usage error naming it, not a 0/0 report."""
    labelled = tmp_path / "set.jsonl"
    labelled.write_text('{"text": "hello", "intent": "greeting"}\n{"text": "pitch", "intents": ["board-pich"]}\n')
    result = evalbot("eval", str(labelled))
    assert result.returncode == 2
    assert "board-pich" in result.stderr.decode() and "record 2" in result.stderr.decode()
    assert b"Traceback" not in result.stderr


def test_eval_by_default_reports_the_dev_set_the_wild_test_half_and_the_near_misses():
    """With no FILE, the three sets are reported, each for both routers."""
    out = evalbot("eval").stdout.decode()
    assert "dev set" in out and "wild set, test half" in out and "held-out near misses" in out
    assert out.count("learnt router:") == 3
