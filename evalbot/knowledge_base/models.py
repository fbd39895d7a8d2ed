"""Pydantic schemas for every file under `knowledge/`.

Every routable entry (topic, checklist, template, calculator card, smalltalk card)
shares `Entry`: an id from the spec, a title, guide citations and example phrasings
that the matcher indexes.
"""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

# What a drafted knowledge file (`evalbot report --draft-overlay`) holds where a maintainer must write.
DRAFT_MARKER = "FILL IN"


def _marked(value: object, where: str) -> list[str]:
    """The dotted paths inside `value` whose text still holds DRAFT_MARKER."""
    if isinstance(value, str):
        return [where] if DRAFT_MARKER in value else []
    if isinstance(value, BaseModel):
        return [p for name in type(value).model_fields for p in _marked(getattr(value, name), f"{where}.{name}")]
    if isinstance(value, (list, tuple)):
        return [p for i, item in enumerate(value) for p in _marked(item, f"{where}.{i}")]
    return []


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    title: str = Field(min_length=3, max_length=150)
    sources: list[str] = Field(default_factory=list, description="guide section(s) drawn from")
    summary: str = Field(default="", max_length=1500)
    related: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list, description="terms that name this entry")
    examples: list[str] = Field(default_factory=list, description="phrasings the matcher indexes")

    @property
    def short_name(self) -> str:
        """The id without its kind prefix (`template:board-pitch` -> `board-pitch`); a topic's id as it is."""
        return self.id.partition(":")[2] or self.id

    @model_validator(mode="after")
    def _no_draft_markers(self) -> "Entry":
        marked = [p for name in type(self).model_fields for p in _marked(getattr(self, name), name)]
        if marked:
            raise ValueError(f"still a draft: replace '{DRAFT_MARKER}' in {', '.join(marked)}")
        return self

    @field_validator("examples", "keywords")
    @classmethod
    def _no_blank_strings(cls, values: list[str]) -> list[str]:
        for value in values:
            if not value.strip():
                raise ValueError("must not contain blank strings")
        return values


class Topic(Entry):
    """Advice drawn from the guide."""

    kind: Literal["topic"] = "topic"
    summary: str = Field(min_length=20, max_length=1500)
    sources: list[str] = Field(min_length=1)
    points: list[str] = Field(min_length=1, max_length=20)
    gap: str | None = Field(
        default=None,
        description="for heading-only sections: what the guide does not say, and where to look",
    )
    examples: list[str] = Field(min_length=8)


class ChecklistItem(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    do: str = Field(min_length=5, max_length=400, description="an action a person can take")
    source: str = Field(min_length=3, description="the guide section behind it")


class Checklist(Entry):
    kind: Literal["checklist"] = "checklist"
    summary: str = Field(min_length=20, max_length=1500)
    sources: list[str] = Field(min_length=1)
    items: list[ChecklistItem] = Field(min_length=3, max_length=25)
    examples: list[str] = Field(min_length=6)


class TemplateField(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str = Field(min_length=2, description="shown as [label] when the value is missing")
    type: Literal["money", "count", "percent", "text"] = "text"
    example: str = Field(min_length=1)


class Template(Entry):
    kind: Literal["template"] = "template"
    summary: str = Field(min_length=20, max_length=1500)
    sources: list[str] = Field(min_length=1)
    fields: list[TemplateField] = Field(min_length=1)
    calculator: str | None = Field(default=None, description="calculator whose results fill fields")
    body: str = Field(min_length=20, description="Jinja2 source of the draft")
    examples: list[str] = Field(min_length=6)


class CalculatorCard(Entry):
    """The routing and help card for a calculator; the maths lives in evalbot/calculators."""

    kind: Literal["calculator"] = "calculator"
    usage: str = Field(min_length=5, description="an example command")
    examples: list[str] = Field(min_length=6)
    checks: list[str] = Field(default_factory=list, description="the sanity notes the calculator gives, and when")


class SmalltalkCard(Entry):
    kind: Literal["smalltalk"] = "smalltalk"
    responses: list[str] = Field(min_length=1)
    examples: list[str] = Field(min_length=6)


class NegativeCard(Entry):
    """Phrasings that are known to be out of scope: indexed so near misses land here."""

    kind: Literal["negative"] = "negative"
    examples: list[str] = Field(min_length=10)



# Folder under knowledge/ -> schema, and the prefix its ids carry in the spec.
FOLDERS: dict[str, tuple[type[Entry], str]] = {
    "topics": (Topic, ""),
    "checklists": (Checklist, "checklist:"),
    "templates": (Template, "template:"),
    "calculators": (CalculatorCard, ""),
    "smalltalk": (SmalltalkCard, ""),
    "negatives": (NegativeCard, "negative:"),
}
