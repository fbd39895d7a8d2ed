"""Knowledge files drafted from experts' answers (`evalbot report --draft-overlay DIR`).

The expert's words become the topic's summary, to review; the question becomes its first
example. Title, sources and the remaining examples say `FILL IN`, so `evalbot check`
refuses the file until a maintainer has read and finished it.
"""

from datetime import UTC, datetime
from pathlib import Path

import yaml

from evalbot.feedback.drafts import MIN_EXAMPLES, draft_id
from evalbot.handoff.book import ExpertAnswer
from evalbot.knowledge_base.models import DRAFT_MARKER

MAX_SUMMARY = 1500  # a topic's summary limit (knowledge_base.models.Topic)


def draft_from_answer(given: ExpertAnswer, *, topic_id: str) -> dict:
    """A topic whose summary is the expert's answer, for a maintainer to review."""
    examples = [given.question] + [f"{DRAFT_MARKER}: another way people ask this"] * (MIN_EXAMPLES - 1)
    return {
        "id": topic_id,
        "title": f"{DRAFT_MARKER}: a short title for this topic",
        "sources": [f"{DRAFT_MARKER}: the guide heading(s) this draws on, or your organisation's source"],
        "summary": given.answer[:MAX_SUMMARY],
        "points": [f"{DRAFT_MARKER}: the first key point, figures first"],
        "related": [],
        "keywords": [],
        "examples": examples,
    }


def write_answer_drafts(answers: list[ExpertAnswer], folder: Path, *, taken: set[str]) -> list[Path]:
    """One draft per expert's answer in `folder/topics/` (existing files never overwritten); the paths."""
    topics = folder / "topics"
    topics.mkdir(parents=True, exist_ok=True)
    taken = set(taken) | {path.stem for path in topics.glob("*.y*ml")}
    written = []
    for given in answers:
        topic_id = draft_id("expert " + given.question, taken)
        taken.add(topic_id)
        day = datetime.fromtimestamp(given.answered_at, UTC).strftime("%Y-%m-%d")
        header = (f"# Draft from an answer {given.expert} gave through Ask a person on {day}.\n"
                  f"# Review the summary (the expert's own words), replace every '{DRAFT_MARKER}', "
                  "then run `evalbot check`.\n")
        path = topics / f"{topic_id}.yaml"
        body = yaml.safe_dump(draft_from_answer(given, topic_id=topic_id), sort_keys=False, allow_unicode=True,
                              width=100)
        path.write_text(header + body, encoding="utf-8")
        written.append(path)
    return written
