"""A `Reply` as readable terminal text: no Slack markup, no escaping."""

import re
import shutil
import textwrap

from evalbot.core.reply import Reply, ReplyKind

_BOLD = re.compile(r"(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])")
_ITALIC = re.compile(r"(?<![\w_])_(?!\s)([^_\n]+?)(?<!\s)_(?![\w_])")
_CODE = re.compile(r"`([^`\n]+)`")


def plain(text: str) -> str:
    """Drop mrkdwn emphasis markers; keep the words."""
    return _CODE.sub(r"\1", _ITALIC.sub(r"\1", _BOLD.sub(r"\1", text)))


# Narrower than this, wrapped words would leave only a few per line.
MIN_WIDTH = 40


def terminal_width() -> int:
    """The terminal's width in columns (`$COLUMNS`, else the terminal, else 80)."""
    return max(MIN_WIDTH, shutil.get_terminal_size().columns)


def _wrap(text: str, width: int, *, subsequent_indent: str = "") -> list[str]:
    # Never at a hyphen: "$1.2M-2M+", "team-cost" and "6-10" must stay whole.
    return textwrap.wrap(text, width, subsequent_indent=subsequent_indent, break_on_hyphens=False)


def _fill(text: str, width: int, *, subsequent_indent: str = "") -> str:
    return "\n".join(_wrap(text, width, subsequent_indent=subsequent_indent))


RULE = "─"
RULE_WIDTH = 60


def _paragraphs(text: str, width: int) -> list[str]:
    """Lines of `text` wrapped to `width`, bullets hanging."""
    lines: list[str] = []
    for paragraph in plain(text).splitlines():
        indent = "  " if paragraph.startswith("• ") else ""
        lines.extend(_wrap(paragraph, width, subsequent_indent=indent) or [""])
    return lines


def render_text(reply: Reply, *, width: int | None = None) -> str:
    """`reply` as text wrapped to `width` columns (default: the terminal's width)."""
    width = width or terminal_width()
    title = _wrap(plain(reply.title), width) or [""]
    lines = [*title, "=" * max(len(line) for line in title)]
    if reply.lead:
        lines += ["", *_paragraphs(reply.lead, width)]
    for offer in reply.offers:
        needs = f" (still needed: {'; '.join(offer.needs)})" if offer.needs else ""
        lines += ["", _fill(plain(f"Try: `{offer.command}`{needs}"), width, subsequent_indent="  ")]
    if reply.lead and reply.sections:
        # The answer to the question is above the rule; the rest of the card, below it.
        lines += ["", RULE * min(width, RULE_WIDTH)]
    for section in reply.sections:
        lines.append("")
        if section.heading:
            lines.append(plain(section.heading) + ":")
        lines += _paragraphs(section.text, width)
    if reply.facts:
        lines.append("")
        label_width = max(len(plain(f.label)) for f in reply.facts)
        lines.extend(f"  {plain(f.label).ljust(label_width)}  {plain(f.value)}" for f in reply.facts)
    if reply.items:
        lines.append("")
        lines.extend(
            _fill(f"[ ] {plain(item)}", width, subsequent_indent="    ") for item in reply.items
        )
    if reply.draft:
        lines += ["", "--- draft ---", plain(reply.draft.rstrip()), "--- end of draft ---"]
    if reply.citation:
        lines += ["", _fill(plain(reply.citation), width)]
    if reply.kind is ReplyKind.CLARIFY:
        lines += ["", *numbered_choices(reply, width)]
    for heading, picks in (("Did you mean", reply.did_you_mean), ("Related", reply.related)):
        if picks and not (reply.kind is ReplyKind.CLARIFY and heading == "Did you mean"):
            listed = "; ".join(f"{plain(c.label)} ({c.intent})" for c in picks)
            lines += ["", _fill(f"{heading}: {listed}", width, subsequent_indent="  ")]
    if reply.reference:
        lines += ["", f"Reference: {reply.reference}"]
    return "\n".join(lines).rstrip() + "\n"


def numbered_choices(reply: Reply, width: int) -> list[str]:
    """A clarifying reply's choices as a numbered list, then how to pick one."""
    lines = []
    for number, choice in enumerate(reply.did_you_mean, start=1):
        gist = f": {plain(choice.gist)}" if choice.gist else ""
        lines.append(_fill(f"{number}. {plain(choice.label)}{gist}", width, subsequent_indent="   "))
    if reply.did_you_mean:
        lines += ["", _fill('Reply with a number, or say "the first one".', width)]
    return lines
