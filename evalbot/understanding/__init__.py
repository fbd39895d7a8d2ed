"""Finding the ask in a message before it is routed.

People wrap questions in greetings and thanks, tell a story before they ask, and
type single words that are not questions at all. `understand` reads a message the
way a colleague would: it drops the courtesy around the question, picks the ask out
of a long post (keeping the rest as context), repairs typos against the knowledge
base's words, and says when a message asks nothing. It imports nothing from Slack.
"""

from evalbot.understanding.reading import Reading, Understanding, understand

__all__ = ["Reading", "Understanding", "understand"]
