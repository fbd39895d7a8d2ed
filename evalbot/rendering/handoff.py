"""Ask a person in Block Kit: the button, the question in the experts channel, and the messages around it.

The question and the expert's answer are relayed as Slack delivered them (already escaped by
Slack, so links, user and channel mentions keep working), except that `<!channel>`, `<!here>`,
`<!everyone>` and group mentions become plain text: relaying never pings anyone.
"""

import re

from evalbot.rendering.block_kit import MAX_BLOCKS, MAX_SECTION, button, sections
from evalbot.rendering.notes import note_block
from evalbot.rendering.slack_text import clip, esc

ASK_PERSON_ACTION = "evalbot_ask_person"
ASK_PERSON_LABEL = "🙋 Ask a person"
_BLOCK_PREFIX = "ask_person"
MAX_QUOTED = 2500


# Slack's special mentions: <!channel>, <!here|here>, <!subteam^S123|@team>, <!date^...|label>.
_SPECIAL = re.compile(r"<!([^>|]*)(?:\|([^>]*))?>")


def relayed(text: str) -> str:
    """Slack-delivered `text`, safe to post again: special mentions become their plain label."""
    return _SPECIAL.sub(lambda m: esc((m.group(2) or "@" + m.group(1).split("^")[0]).strip()), text.strip())


def _quoted(text: str) -> str:
    return "\n".join(f"&gt; {line}" for line in clip(relayed(text), MAX_QUOTED).splitlines() or [""])


def ask_person_block(value: str) -> dict:
    """The actions block with the one button that hands the question to a person."""
    return {"type": "actions", "block_id": f"{_BLOCK_PREFIX}", "elements": [
        button(ASK_PERSON_LABEL, action_id=ASK_PERSON_ACTION, value=value)]}


def is_ask_person_block(block: object) -> bool:
    return isinstance(block, dict) and str(block.get("block_id", "")).startswith(_BLOCK_PREFIX)


def with_ask_person(message: dict, value: str) -> dict:
    """A copy of `message` with the button after its content (before any feedback block added later)."""
    blocks = list(message.get("blocks") or [])[: MAX_BLOCKS - 2]
    return {**message, "blocks": [*blocks, ask_person_block(value)]}


def offer_after_downvote(value: str) -> dict:
    """The private message offering a person after a 👎."""
    text = "Sorry that did not help. A person who knows may be able to answer it."
    return {"text": text, "blocks": [*sections(text), ask_person_block(value)]}


def handed_off(message: dict, *, clicker: str, experts_channel: str) -> dict:
    """`message` (the clicked answer) with its button replaced by who sent it where."""
    note = note_block(f"🙋 <@{clicker}> asked a person in <#{experts_channel}>: their answer will come here.")
    blocks = [note if is_ask_person_block(block) else block for block in message.get("blocks") or []]
    return {"text": message.get("text") or "evalbot", "blocks": blocks}


def question_for_experts(*, question: str, asker: str | None, where: str | None, link: str | None,
                         evalbot_said: str | None) -> dict:
    """The post in the experts channel: who asked what, where, and a link to the asker's thread."""
    who = f"<@{asker}>" if asker else "Someone"
    place = f" in <#{where}>" if where and where[:1] in "CG" else " privately" if not where else " in a DM"
    lines = [f"*{who} asked evalbot{place}, and evalbot could not answer it well:*", _quoted(question)]
    if evalbot_said:
        lines.append(f"_evalbot's best guess was: {clip(esc(evalbot_said), 300)}_")
    if link:
        lines.append(f"<{esc(link)}|Open their thread>")
    footer = ("Reply in this thread: evalbot posts your reply back to them, credited to you, and keeps it "
              "as a candidate answer for its knowledge.")
    return {"text": clip(f"{who} asked: {relayed(question)}", MAX_SECTION),
            "blocks": [*sections("\n".join(lines)), note_block(footer)]}


def asker_told(*, experts_channel: str) -> dict:
    """The note in the asker's thread (or DM) that the question went to people."""
    text = (f"🙋 I've asked the people in <#{experts_channel}>. When one of them answers, "
            "I'll post their answer here.")
    return {"text": text, "blocks": sections(text)}


def already_handed_off() -> dict:
    text = "🙋 This question has already gone to a person: their answer will come in the thread."
    return {"text": text, "blocks": sections(text)}


def could_not_hand_off() -> dict:
    text = "Sorry, I could not reach the experts channel just now. Please try the button again in a minute."
    return {"text": text, "blocks": sections(text)}


def expert_answered(*, expert: str, answer: str, question: str) -> dict:
    """The expert's answer, posted back to the asker, credited."""
    body = f"*<@{expert}> answered your question:*\n{_quoted(answer)}"
    context = f"You asked: {clip(esc(question), 200)} · sent through Ask a person"
    return {"text": clip(f"<@{expert}> answered: {relayed(answer)}", MAX_SECTION),
            "blocks": [*sections(body), note_block(context)]}
