"""Block Kit for an answer that leads with the point asked about: folded behind More, and unfolded."""

import json

from evalbot.rendering.block_kit import MAX_BLOCKS, MORE_ACTION, OFFER_ACTION, PICK_ACTION, fallback_text, render_blocks


def _buttons(blocks: list[dict]) -> list[dict]:
    return [element for block in blocks if block["type"] == "actions" for element in block["elements"]]


def test_folded_answer_shows_the_lead_more_and_the_offer(brain):
    """Folded: header, the lead, then More and "Run roi cost=2M" in one row; the rest and Related wait."""
    reply = brain.answer("is a 2M eval budget normal for a mid-size company?")
    blocks = render_blocks(reply)
    assert [b["type"] for b in blocks] == ["header", "section", "actions", "context"]
    assert "$1.2M-2M+" in blocks[1]["text"]["text"]
    more, run = _buttons(blocks)
    assert (more["action_id"], more["value"], more["text"]["text"]) == (MORE_ACTION, reply.more, "More")
    assert (run["action_id"], run["value"], run["text"]["text"]) == (f"{OFFER_ACTION}:0", "roi cost=2M",
                                                                      "Run roi cost=2M")
    assert "What the guide does not give" not in json.dumps(blocks)
    assert not any(b["action_id"].startswith(PICK_ACTION) for b in _buttons(blocks))


def test_unfolded_answer_shows_everything_after_a_divider(brain):
    """Unfolded: the lead, a divider, the rest of the card, the offer, Related buttons; no More button."""
    reply = brain.answer_more(brain.answer("is a 2M eval budget normal for a mid-size company?").more)
    blocks = render_blocks(reply)
    assert blocks[2]["type"] == "divider"
    assert "What the guide does not give" in json.dumps(blocks)
    actions = [b["action_id"] for b in _buttons(blocks)]
    assert MORE_ACTION not in actions and f"{OFFER_ACTION}:0" in actions
    assert any(a.startswith(f"{PICK_ACTION}:rel:") for a in actions)
    assert len(blocks) <= MAX_BLOCKS


def test_fallback_text_opens_with_the_lead_and_carries_the_rest(brain):
    """Notifications show the title and the lead; the whole card follows for clients without blocks."""
    reply = brain.answer("how long an exercise window can I ask for?")
    text = fallback_text(reply)
    assert text.startswith("Negotiating the equity package as an executive — • *Lever 3, a longer exercise window:*")
    assert "Lever 1" in text and "Other key points" in text
