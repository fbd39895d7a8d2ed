"""Conversations in the command line: `chat` remembers the session, `ask --json` stdin lines share by id."""

import json

from cli_runner import evalbot


def _replies(stdin: list[object]) -> list[dict]:
    lines = [line if isinstance(line, str) else json.dumps(line) for line in stdin]
    result = evalbot("ask", "--json", stdin="\n".join(lines).encode() + b"\n")
    assert result.returncode == 0, result.stderr.decode()
    return [json.loads(line) for line in result.stdout.decode().splitlines()]


def _fact(reply: dict, label: str) -> str | None:
    return next((f["value"] for f in reply["reply"].get("facts", []) if f["label"] == label), None)


def test_chat_remembers_the_calculation_across_lines():
    """Piped into `chat`: the cost, then the benefit alone, computes 5.0x; then "shorter" cuts it down."""
    result = evalbot("chat", stdin=b"roi cost=2M\nbenefit is 10M\ncan you make that shorter\n")
    out = result.stdout.decode()
    assert result.returncode == 0
    asked, computed, short = out.split("ROI calculator: what an eval program returns on its cost")[1:]
    assert "I still need" in asked and "roi cost=2M benefit=10M" in asked
    assert "5.0x" in computed and "Related:" in computed
    assert "5.0x" in short and "Related:" not in short and "Template" not in short


def test_stdin_lines_with_the_same_conversation_share_context():
    """Lines carrying one `conversation` id follow up on each other; lines with none share nothing."""
    replies = _replies([
        {"text": "roi cost=2M", "conversation": "c1"},
        {"text": "benefit=10M", "conversation": "c1"},
        "benefit=10M",
        {"text": "benefit=10M"},
    ])
    assert len(replies) == 4
    assert _fact(replies[0], "ROI (benefit-to-cost)") is None and replies[0]["reply"]["calculation"]["asking"] == "benefit"
    assert _fact(replies[1], "ROI (benefit-to-cost)") == "5.0x"
    assert _fact(replies[2], "ROI (benefit-to-cost)") is None and _fact(replies[3], "ROI (benefit-to-cost)") is None


def test_two_interleaved_stdin_conversations_stay_separate():
    """Two ids interleaved line by line each complete with their own cost, in input order."""
    replies = _replies([
        {"text": "roi cost=2M", "conversation": "a"},
        {"text": "roi cost=5M", "conversation": "b"},
        {"text": "benefit=10M", "conversation": "b"},
        {"text": "benefit=10M", "conversation": "a"},
        {"text": "what if the benefit is 20M", "conversation": "a"},
    ])
    assert [_fact(r, "ROI (benefit-to-cost)") for r in replies] == [None, None, "2.0x", "5.0x", "10.0x"]


def test_numeric_conversation_ids_work_and_bad_ones_get_their_own_reply():
    """A number names a conversation too; a list is an error reply naming `conversation`; the run goes on."""
    replies = _replies([
        {"text": "roi cost=2M", "conversation": 7},
        {"text": "benefit=10M", "conversation": [7]},
        {"text": "benefit=10M", "conversation": 7},
    ])
    assert replies[1]["kind"] == "error" and replies[1]["reply"]["problem"]["field"] == "conversation"
    assert _fact(replies[2], "ROI (benefit-to-cost)") == "5.0x"
