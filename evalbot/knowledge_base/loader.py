"""Read every YAML file of the knowledge base (and an optional overlay) into validated models."""

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from evalbot.errors import KnowledgeError
from evalbot.knowledge_base.locate import shipped_knowledge_dir
from evalbot.knowledge_base.models import (
    FOLDERS,
    CalculatorCard,
    Checklist,
    Entry,
    NegativeCard,
    Template,
    Topic,
)

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, kw_only=True)
class KnowledgeBase:
    """Every entry by id, plus where each came from."""

    entries: dict[str, Entry]
    origins: dict[str, Path] = field(default_factory=dict)
    spec_ids: dict[str, str] = field(default_factory=dict, repr=False)

    def get(self, intent_id: str) -> Entry | None:
        return self.entries.get(intent_id)

    def of_kind(self, kind: type[Entry]) -> list[Entry]:
        return [entry for entry in self.entries.values() if isinstance(entry, kind)]

    @property
    def topics(self) -> list[Topic]:
        return self.of_kind(Topic)  # type: ignore[return-value]

    @property
    def checklists(self) -> list[Checklist]:
        return self.of_kind(Checklist)  # type: ignore[return-value]

    @property
    def templates(self) -> list[Template]:
        return self.of_kind(Template)  # type: ignore[return-value]

    @property
    def calculators(self) -> list[CalculatorCard]:
        return self.of_kind(CalculatorCard)  # type: ignore[return-value]

    def routable(self) -> list[Entry]:
        """Entries a user can reach (everything but the out-of-scope negatives)."""
        return [entry for entry in self.entries.values() if not isinstance(entry, NegativeCard)]


def read_spec_ids(knowledge_dir: Path) -> dict[str, str]:
    """Return {intent id: kind} from the knowledge folder's copy of the spec."""
    path = knowledge_dir / "intents.yaml"
    try:
        spec = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    except (OSError, yaml.YAMLError) as e:
        raise KnowledgeError([f"{path}: cannot read the intent spec: {e}"]) from e
    kinds = {"topics": "topic", "calculators": "calculator", "checklists": "checklist",
             "templates": "template", "smalltalk": "smalltalk"}
    return {item["id"]: kind for group, kind in kinds.items() for item in spec.get(group) or []}


def _load_file(path: Path, folder: str, problems: list[str]) -> Entry | None:
    schema, prefix = FOLDERS[folder]
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        problems.append(f"{path}: not readable YAML: {e}")
        return None
    if not isinstance(data, dict):
        problems.append(f"{path}: expected a mapping of fields, found {type(data).__name__}")
        return None
    try:
        entry = schema.model_validate(data)
    except ValidationError as e:
        for error in e.errors():
            where = ".".join(str(part) for part in error["loc"]) or "(file)"
            problems.append(f"{path}: field '{where}': {error['msg']}")
        return None
    expected_id = prefix + path.stem
    if entry.id != expected_id:
        problems.append(f"{path}: field 'id': is '{entry.id}', but this file must hold '{expected_id}'")
        return None
    return entry


def _load_dir(root: Path, problems: list[str]) -> tuple[dict[str, Entry], dict[str, Path]]:
    entries: dict[str, Entry] = {}
    origins: dict[str, Path] = {}
    for folder in FOLDERS:
        for path in sorted((root / folder).glob("*.y*ml")):
            entry = _load_file(path, folder, problems)
            if entry is not None:
                entries[entry.id] = entry
                origins[entry.id] = path
    return entries, origins


def load_knowledge(overlay_dir: Path | None = None, *, base_dir: Path | None = None) -> KnowledgeBase:
    """Load the shipped knowledge base, then lay an organisation's overlay on top.

    Args:
        overlay_dir: a folder with the same layout whose entries add to or replace shipped ones.
        base_dir: the shipped folder; found automatically when omitted.

    Raises:
        KnowledgeError: listing every problem found, each with its file and field.
    """
    base_dir = base_dir or shipped_knowledge_dir()
    problems: list[str] = []
    entries, origins = _load_dir(base_dir, problems)
    if overlay_dir is not None:
        if not overlay_dir.is_dir():
            problems.append(f"{overlay_dir}: EVALBOT_KNOWLEDGE_DIR is not a folder")
        else:
            extra, extra_origins = _load_dir(overlay_dir, problems)
            entries.update(extra)
            origins.update(extra_origins)
    if problems:
        raise KnowledgeError(problems)
    return KnowledgeBase(entries=entries, origins=origins, spec_ids=read_spec_ids(base_dir))
