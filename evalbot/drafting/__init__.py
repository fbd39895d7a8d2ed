"""Drafts: communication templates rendered with a strict, sandboxed Jinja2 environment.

User values are passed to templates as data and never become template source, so
`{{ 7*7 }}` typed by a user stays literal. Output is raw text; the Slack renderer
escapes it, which is why autoescaping is off here.
"""

from evalbot.drafting.render import Draft, render_draft

__all__ = ["Draft", "render_draft"]
