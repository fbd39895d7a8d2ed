"""The transport-neutral core: text in, `Reply` out. Imports nothing from Slack."""
