"""Feedback on answers in Block Kit: Slack's native 👍/👎 buttons, the 👎 reason modal, and the admin's Home section.

A button's value carries the answer's reference, intent and confidence, so a vote
needs no server-side lookup to know what it rates.
"""

import json
from dataclasses import dataclass

from evalbot.rendering.block_kit import MAX_BLOCKS, MAX_VALUE, sections
from evalbot.rendering.slack_text import esc, mrkdwn, plain_text

FEEDBACK_ACTION = "evalbot_feedback"
REASON_CALLBACK = "evalbot_feedback_reason"
REASON_BLOCK, REASON_ACTION = "reason", "reason_choice"
COMMENT_BLOCK, COMMENT_ACTION = "comment", "comment_text"
MAX_COMMENT = 500


@dataclass(frozen=True, kw_only=True)
class Rated:
    """What a vote rates: the answer's reference, and how it was routed."""

    ref: str
    intent: str
    confidence: float


def _value(vote: str, rated: Rated) -> str:
    return json.dumps({"v": vote, "r": rated.ref, "i": rated.intent, "c": round(rated.confidence, 3)})[:MAX_VALUE]


def feedback_block(rated: Rated) -> dict:
    """A `context_actions` block with a `feedback_buttons` element."""
    return {
        "type": "context_actions",
        "block_id": f"feedback:{rated.ref}",
        "elements": [{
            "type": "feedback_buttons",
            "action_id": FEEDBACK_ACTION,
            "positive_button": {"text": plain_text("👍", 75), "value": _value("up", rated),
                                "accessibility_label": "This answer helped"},
            "negative_button": {"text": plain_text("👎", 75), "value": _value("down", rated),
                                "accessibility_label": "This answer did not help"},
        }],
    }


def is_feedback_block(block: object) -> bool:
    """Whether `block` (of a posted message) is the feedback buttons' block."""
    return isinstance(block, dict) and block.get("type") == "context_actions"


def with_feedback(message: dict, rated: Rated) -> dict:
    """A copy of `message` with the feedback buttons as its last block (within Slack's 50 blocks)."""
    blocks = list(message.get("blocks") or [])[: MAX_BLOCKS - 1]
    return {**message, "blocks": [*blocks, feedback_block(rated)]}


def parse_feedback(value: object) -> tuple[str, Rated] | None:
    """("up" | "down", what it rates) from a clicked button's value; None for anything malformed."""
    try:
        data = json.loads(value) if isinstance(value, str) else None
        vote, rated = data["v"], Rated(ref=str(data["r"]), intent=str(data["i"]), confidence=float(data["c"]))
    except (ValueError, TypeError, KeyError):
        return None
    if vote not in ("up", "down") or not rated.ref or not 0.0 <= rated.confidence <= 1.0:
        return None
    return vote, rated


def reason_modal(rated: Rated, reasons: list[tuple[str, str]]) -> dict:
    """The modal a 👎 opens: why it did not help (optional), and free text (optional)."""
    options = [{"text": plain_text(label, 75), "value": value} for value, label in reasons]
    return {
        "type": "modal",
        "callback_id": REASON_CALLBACK,
        "private_metadata": json.dumps({"r": rated.ref}),
        "title": plain_text("Thanks for the 👎", 24),
        "submit": plain_text("Send", 24),
        "close": plain_text("Skip", 24),
        "blocks": [
            *sections("Your vote is saved. If you tell us what was wrong, the people who keep evalbot's "
                      "knowledge can fix it."),
            {"type": "input", "block_id": REASON_BLOCK, "optional": True, "label": plain_text("What was wrong?", 75),
             "element": {"type": "radio_buttons", "action_id": REASON_ACTION, "options": options}},
            {"type": "input", "block_id": COMMENT_BLOCK, "optional": True, "label": plain_text("Anything else?", 75),
             "element": {"type": "plain_text_input", "action_id": COMMENT_ACTION, "multiline": True,
                         "max_length": MAX_COMMENT}},
        ],
    }


def submitted_reason(view: dict) -> tuple[str | None, str | None, str | None]:
    """(answer reference, reason value, comment) from a submitted reason modal; None where absent."""
    try:
        ref = json.loads(view.get("private_metadata") or "{}").get("r")
    except (ValueError, AttributeError):
        ref = None
    values = (view.get("state") or {}).get("values") or {}
    choice = ((values.get(REASON_BLOCK) or {}).get(REASON_ACTION) or {}).get("selected_option") or {}
    comment = ((values.get(COMMENT_BLOCK) or {}).get(COMMENT_ACTION) or {}).get("value")
    return (ref if isinstance(ref, str) else None, choice.get("value"),
            comment.strip() if isinstance(comment, str) and comment.strip() else None)


def admin_blocks(*, unanswered: list[tuple[str, int]], worst: list[tuple[str, int, int]], days: int,
                 summary: str | None = None, experts: list[tuple[str, str, str]] = ()) -> list[dict]:
    """The admin's Home section: the week in figures, the top unanswered questions, the worst-rated
    answers and the latest experts' answers: the facts of `evalbot report --html`, in short."""
    gaps = "\n".join(f"• {count}× {esc(text)}" for text, count in unanswered) or "• none"
    rated = "\n".join(f"• `{esc(intent)}` 👎 {down} · 👍 {up}" for intent, up, down in worst) or "• no 👎 yet"
    given = "\n".join(f"• {esc(question[:120])} → <@{expert}>: {esc(answer[:200])}" for question, answer, expert in experts)
    return [
        {"type": "divider"},
        {"type": "header", "text": plain_text(f"For admins: the last {days} days", 150)},
        *([{"type": "context", "elements": [mrkdwn(esc(summary))]}] if summary else []),
        *sections(f"*Top unanswered questions*\n{gaps}"),
        *sections(f"*Worst-rated answers*\n{rated}"),
        *(sections(f"*Latest answers from people (Ask a person)*\n{given}") if given else []),
        {"type": "context", "elements": [mrkdwn("Full report: `evalbot report` (or `--json`, `--csv`); with charts "
                                                "(volume per topic over time, ratings, confidence): "
                                                "`evalbot report --html gaps.html`.")]},
    ]
