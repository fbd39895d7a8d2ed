"""Feedback and the knowledge-gap report: votes on answers, the unanswered log, and what maintainers read.

Nothing here imports Slack: the Slack listeners record votes through `votes`, the
answering path records each question through `recording`, and `evalbot report`
presents `report.build_report`.
"""
