"""Presenting a `Reply`: Block Kit for Slack, plain text for the terminal, JSON for machines."""
