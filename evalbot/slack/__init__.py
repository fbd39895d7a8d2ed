"""The Slack layer: parse a delivery, ask the core, render Block Kit, send. Nothing else."""
