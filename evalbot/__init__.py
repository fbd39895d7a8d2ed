"""evalbot: a Slack advisor for people who lead AI evaluation work."""

__version__ = "0.1.0"
