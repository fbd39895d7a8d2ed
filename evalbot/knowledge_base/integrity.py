"""Cross-file checks for `evalbot check`: coverage of the spec, links between entries, citations."""

from collections.abc import Callable
from pathlib import Path

import yaml

from evalbot.knowledge_base.loader import KnowledgeBase
from evalbot.knowledge_base.models import Entry, NegativeCard, Template

# Extra checks registered by other packages (e.g. template compilation); each returns problems.
TemplateCheck = Callable[[Template], list[str]]


def guide_sections(knowledge_dir: Path) -> set[str]:
    path = knowledge_dir / "guide-sections.yaml"
    return set(yaml.safe_load(path.read_text(encoding="utf-8")) or [])


def find_problems(
    kb: KnowledgeBase, *, knowledge_dir: Path, template_checks: tuple[TemplateCheck, ...] = ()
) -> list[str]:
    """Every cross-file problem, one line each, naming the file and the field."""
    problems: list[str] = []
    sections = guide_sections(knowledge_dir)

    def where(entry: Entry) -> str:
        return str(kb.origins.get(entry.id, entry.id))

    for intent_id, kind in kb.spec_ids.items():
        entry = kb.get(intent_id)
        if entry is None:
            problems.append(f"{knowledge_dir}: intent '{intent_id}' ({kind}) from the spec has no entry")
        elif getattr(entry, "kind", None) != kind:
            problems.append(f"{where(entry)}: field 'kind': spec says '{kind}', entry is '{entry.kind}'")  # type: ignore[attr-defined]
    for entry in kb.entries.values():
        for related in entry.related:
            if kb.get(related) is None or isinstance(kb.get(related), NegativeCard):
                problems.append(f"{where(entry)}: field 'related': unknown intent '{related}'")
        for source in entry.sources:
            if source not in sections:
                problems.append(f"{where(entry)}: field 'sources': '{source}' is not a heading of the guide")
        if isinstance(entry, Template):
            if entry.calculator and kb.get(entry.calculator) is None:
                problems.append(f"{where(entry)}: field 'calculator': unknown calculator '{entry.calculator}'")
            for check in template_checks:
                problems.extend(f"{where(entry)}: {problem}" for problem in check(entry))
    return problems
