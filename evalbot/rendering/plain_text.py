"""A `Reply` as readable terminal text: no Slack markup, no escaping."""

import re
import shutil
import textwrap

from evalbot.core.reply import Reply

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


def render_text(reply: Reply, *, width: int | None = None) -> str:
    """`reply` as text wrapped to `width` columns (default: the terminal's width)."""
    width = width or terminal_width()
    lines = [plain(reply.title), "=" * min(width, len(plain(reply.title)))]
    for section in reply.sections:
        lines.append("")
        if section.heading:
            lines.append(plain(section.heading) + ":")
        for paragraph in plain(section.text).splitlines():
            indent = "  " if paragraph.startswith("• ") else ""
            lines.extend(textwrap.wrap(paragraph, width, subsequent_indent=indent) or [""])
    if reply.facts:
        lines.append("")
        label_width = max(len(plain(f.label)) for f in reply.facts)
        lines.extend(f"  {plain(f.label).ljust(label_width)}  {plain(f.value)}" for f in reply.facts)
    if reply.items:
        lines.append("")
        lines.extend(
            textwrap.fill(f"[ ] {plain(item)}", width, subsequent_indent="    ") for item in reply.items
        )
    if reply.draft:
        lines += ["", "--- draft ---", plain(reply.draft.rstrip()), "--- end of draft ---"]
    if reply.citation:
        lines += ["", textwrap.fill(plain(reply.citation), width)]
    for heading, picks in (("Did you mean", reply.did_you_mean), ("Related", reply.related)):
        if picks:
            listed = "; ".join(f"{plain(c.label)} ({c.intent})" for c in picks)
            lines += ["", textwrap.fill(f"{heading}: {listed}", width, subsequent_indent="  ")]
    if reply.reference:
        lines += ["", f"Reference: {reply.reference}"]
    return "\n".join(lines).rstrip() + "\n"
