"""The console's finish, run as a user would (`python -m evalbot ...` in a subprocess): the version,
a missing knowledge overlay, bad JSON lines on stdin, wrapping to the terminal, piped transcripts."""

import json

import pytest
from cli_runner import evalbot

from evalbot import __version__


def test_version_prints_the_package_version():
    """`evalbot --version` prints `evalbot X.Y.Z` and exits 0."""
    result = evalbot("--version")
    assert result.returncode == 0
    assert result.stdout.decode().strip() == f"evalbot {__version__}"


@pytest.mark.parametrize("command", [["ask", "hi"], ["ask", "--json"], ["chat"], ["check"], ["topics"], ["serve"]])
def test_missing_knowledge_folder_stops_every_command(tmp_path, command):
    """EVALBOT_KNOWLEDGE_DIR naming no folder is exit 2 with one line naming the variable, even with a warm cache."""
    cache = {"EVALBOT_CACHE_DIR": str(tmp_path / "cache")}
    assert evalbot("ask", "hi", env=cache).returncode == 0  # a cached routing index now exists
    missing = tmp_path / "no-such-folder"
    result = evalbot(*command, stdin=b"hi\n", env={**cache, "EVALBOT_KNOWLEDGE_DIR": str(missing),
                                                    "SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"})
    lines = result.stderr.decode().strip().splitlines()
    assert result.returncode == 2 and result.stdout == b""
    assert lines == [f"evalbot: invalid configuration: EVALBOT_KNOWLEDGE_DIR (no folder at {missing})"]


def test_knowledge_dir_that_is_a_file_is_named_as_such(tmp_path):
    """A file where the folder should be is reported as not a folder."""
    file = tmp_path / "pay-bands.yaml"
    file.write_text("id: x\n")
    result = evalbot("ask", "hi", env={"EVALBOT_KNOWLEDGE_DIR": str(file)})
    assert result.returncode == 2
    assert f"EVALBOT_KNOWLEDGE_DIR ({file} is not a folder)" in result.stderr.decode()


@pytest.mark.parametrize(
    ("line", "says"),
    [
        (b'{"text": 5}', "`text` must be a string, not int."),
        (b'{"text": null}', "`text` must be a string, not null."),
        (b'{"text": ["roi"]}', "`text` must be a string, not list."),
        (b'{"message": "hello"}', "A JSON line needs a `text` field"),
    ],
)
def test_json_line_without_string_text_gets_an_error_reply(line, says):
    """A JSON object whose `text` is missing or not a string gets a reply naming `text`, and the run goes on."""
    result = evalbot("ask", "--json", stdin=line + b"\nhello\n")
    first, second = (json.loads(out) for out in result.stdout.decode().splitlines())
    assert result.returncode == 0
    assert first["kind"] == "error" and first["reply"]["problem"]["field"] == "text"
    assert says in first["text"] and '{"text": "roi cost=2M benefit=10M"}' in first["text"]
    assert second["intent"] == "greeting"


def test_a_line_that_only_looks_like_json_is_a_message():
    """`{not json` is answered as text, not rejected."""
    result = evalbot("ask", "--json", stdin=b"{not json\n")
    assert json.loads(result.stdout)["kind"] != "error"


@pytest.mark.parametrize("columns", [50, 120])
def test_console_wraps_to_the_terminal_width(columns):
    """Every wrapped line, "Related" included, fits the terminal's width; wide terminals get long lines."""
    result = evalbot("ask", "what should I negotiate in my equity as a new vp", env={"COLUMNS": str(columns)})
    lines = result.stdout.decode().splitlines()
    assert max(len(line) for line in lines) <= columns
    assert any(line.startswith("Related: ") for line in lines)
    if columns > 88:
        assert any(len(line) > 88 for line in lines)


def test_console_shows_no_slack_bold_marks():
    """Templates, checklists and topics print without `*bold*` markers, drafts included."""
    result = evalbot("chat", stdin=b"template monthly-update\nchecklist promotion\nequity levers\n")
    out = result.stdout.decode()
    assert "Results" in out and "*Results*" not in out
    assert "*" not in out


def test_piped_chat_heads_each_answer_with_its_line():
    """Piped into `chat`, each reply is preceded by a blank line and `you> LINE`, so replies are told apart."""
    out = evalbot("chat", stdin=b"hello\nthanks\n").stdout.decode()
    assert out.startswith("\nyou> hello\n\nHello\n")
    before, after = out.split("\nyou> thanks\n\n")
    assert before.rstrip().endswith("Type help for examples.") and after.startswith("You're welcome")


def test_ask_leads_with_the_point_asked_about_then_a_rule():
    """`ask` prints the exercise-window point right under the title, then a rule, then the rest of the card."""
    out = evalbot("ask", "how long an exercise window can I ask for?", env={"COLUMNS": "100"}).stdout.decode()
    head, rule, rest = out.partition("\n" + "─" * 60 + "\n")
    assert rule and head.splitlines()[3].startswith("• Lever 3, a longer exercise window: typically 10 years")
    assert "to 15." in head and "Lever 1" not in head and "Lever 1" in rest


def test_ask_json_carries_the_lead_the_more_key_and_the_offer():
    """`ask --json`: the reply's lead, its More key and offer; the blocks show the lead with More and Run buttons."""
    payload = json.loads(evalbot("ask", "--json", "is a 2M eval budget normal for a mid-size company?").stdout)
    reply = payload["reply"]
    assert payload["intent"] == "eval-budget" and reply["more"].startswith("eval-budget#")
    assert [offer["command"] for offer in reply["offers"]] == ["roi cost=2M"]
    buttons = [e["text"]["text"] for b in payload["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert buttons[:2] == ["More", "Run roi cost=2M"]
    assert payload["text"].startswith("What an eval team costs") and "Try: `roi cost=2M`" in payload["text"]
