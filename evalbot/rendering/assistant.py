"""What evalbot shows in Slack's agent surface (the assistant panel): its suggested prompts and thread titles.

The same prompts are declared in `manifest.yml` (`features.assistant_view`); a test keeps the two equal.
"""

from evalbot.rendering.slack_text import clip

SUGGESTED_PROMPTS_TITLE = "Try one of these"
# (title shown on the chip, message sent when it is clicked); Slack shows at most four.
SUGGESTED_PROMPTS: tuple[tuple[str, str], ...] = (
    ("Pitch the eval budget", "How do I pitch the eval budget to the board?"),
    ("Negotiate equity", "What can I negotiate in my equity as a new VP?"),
    ("Work out the ROI", "roi cost=2M incidents=10 incident_cost=1M"),
    ("Prepare for a promotion", "checklist promotion"),
)
MAX_TITLE = 100
THINKING = "is looking that up…"


def suggested_prompts() -> list[dict[str, str]]:
    """The prompts as `assistant.threads.setSuggestedPrompts` takes them."""
    return [{"title": title, "message": message} for title, message in SUGGESTED_PROMPTS]


def thread_title(question: str) -> str:
    """A thread's title: the question asked, on one line and cut to a length the history list shows."""
    return clip(" ".join(question.split()), MAX_TITLE) or "evalbot"
