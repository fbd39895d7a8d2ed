"""Starting knowledge files for the largest unanswered groups (`evalbot report --draft-overlay DIR`).

Each draft is a topic for an organisation's overlay (EVALBOT_KNOWLEDGE_DIR): the real
phrasings become its examples, and every field a maintainer must write holds the
marker `FILL IN`, which `evalbot check` (and the loader) refuse until it is gone.
"""

import re
from pathlib import Path

import yaml

from evalbot.feedback.report import Unanswered
from evalbot.knowledge_base.models import DRAFT_MARKER

MIN_EXAMPLES = 8  # a topic's minimum (knowledge_base.models.Topic)
DRAFTS = 5  # the largest groups drafted per run
_SLUG = re.compile(r"[^a-z0-9]+")


def draft_id(text: str, taken: set[str]) -> str:
    """A new topic id from a question's first words, not clashing with `taken`."""
    words = _SLUG.sub("-", text.lower()).strip("-").split("-")
    base = "gap-" + "-".join([w for w in words if len(w) > 2][:5] or ["question"])
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def draft_topic(group: Unanswered, *, topic_id: str) -> dict:
    """The draft's fields: real phrasings as examples, `FILL IN` where a maintainer must write."""
    examples = list(dict.fromkeys(group.phrasings))
    examples += [f"{DRAFT_MARKER}: another way people ask this"] * max(0, MIN_EXAMPLES - len(examples))
    return {
        "id": topic_id,
        "title": f"{DRAFT_MARKER}: a short title for this topic",
        "sources": [f"{DRAFT_MARKER}: the guide heading(s) this draws on (see knowledge/guide-sections.yaml)"],
        "summary": f"{DRAFT_MARKER}: two or three sentences answering the question, in your organisation's words",
        "points": [f"{DRAFT_MARKER}: the first key point, figures first"],
        "related": [i for i in group.nearest if not i.startswith("out-of-scope")][:3],
        "keywords": [],
        "examples": examples,
    }


def write_drafts(groups: list[Unanswered], folder: Path, *, taken: set[str], limit: int = 5) -> list[Path]:
    """Write one draft per group (largest first) into `folder/topics/`; the paths written.

    Existing files are never overwritten: a maintainer may be filling them in.
    """
    topics = folder / "topics"
    topics.mkdir(parents=True, exist_ok=True)
    taken = set(taken) | {path.stem for path in topics.glob("*.y*ml")}
    written = []
    for group in groups[:limit]:
        topic_id = draft_id(group.text, taken)
        taken.add(topic_id)
        header = (f"# Draft from evalbot's knowledge-gap report: asked {group.count} time(s), unanswered.\n"
                  f"# Replace every '{DRAFT_MARKER}' (delete unused example lines), then run `evalbot check`.\n")
        path = topics / f"{topic_id}.yaml"
        body = yaml.safe_dump(draft_topic(group, topic_id=topic_id), sort_keys=False, allow_unicode=True, width=100)
        path.write_text(header + body, encoding="utf-8")
        written.append(path)
    return written
