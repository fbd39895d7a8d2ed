"""Ask a person: questions evalbot could not answer well, handed to people, and the answers they gave.

Nothing here imports Slack: `offer` decides when a person should be offered and carries what
a click needs; `book` keeps hand-offs and experts' answers in the state store; `drafts`
turns an expert's answer into a knowledge file to review.
"""
