"""`Reply`: the transport-neutral answer every renderer (Slack, terminal, JSON) presents.

Strings in a Reply are raw text with a light markup (`*bold*`, `_italic_`, lines
starting with `• `). They are never escaped here: each renderer escapes for its
own medium, so there is exactly one place where Slack escaping happens.
"""

from enum import StrEnum

from pydantic import BaseModel, Field

OUT_OF_SCOPE = "out-of-scope"


class ReplyKind(StrEnum):
    TOPIC = "topic"
    CALCULATOR = "calculator"
    CHECKLIST = "checklist"
    TEMPLATE = "template"
    SMALLTALK = "smalltalk"
    OUT_OF_SCOPE = "out-of-scope"
    ERROR = "error"
    CATALOGUE = "catalogue"
    CLARIFY = "clarify"  # not sure: the likeliest topics offered as choices instead of a card


class Section(BaseModel):
    """A block of prose, optionally headed."""

    heading: str | None = None
    text: str


class Fact(BaseModel):
    """A labelled figure, e.g. a calculator output: label "ROI multiple", value "5.0x"."""

    label: str
    value: str


class Choice(BaseModel):
    """A follow-up the user can pick (a button in Slack): an intent id and its label."""

    intent: str
    label: str
    gist: str | None = Field(default=None, description="one line on what the choice answers")


class Offer(BaseModel):
    """A calculation the user's own figures can start: a button in Slack, a "Try:" line in the terminal.

    `command` is what the button sends (it runs as typed); `needs` lists what the
    calculation still asks for, one line per need.
    """

    command: str
    needs: list[str] = Field(default_factory=list)


class InputProblem(BaseModel):
    """An expected, user-fixable problem with what they typed."""

    message: str
    field: str | None = None
    example: str | None = None


class Calculation(BaseModel):
    """Where a calculation stands after a reply: what a follow-up ("benefit is 10M") builds on.

    Merge a follow-up's figures (`evalbot.inputs.followup.read_followup`) over `known`, then
    answer the calculator again with the result as its `key=value` inputs.
    """

    calculator: str = Field(description="calculator id, e.g. 'roi'")
    known: dict[str, str] = Field(default_factory=dict, description="field -> value as the user gave it")
    missing: list[str] = Field(default_factory=list, description="fields still needed, in the order asked")
    asking: str | None = Field(default=None, description="the field this reply asks for, if any")
    assumed: dict[str, str] = Field(default_factory=dict, description="defaults used, field -> value")


class Reply(BaseModel):
    """One answer, independent of where it is shown."""

    intent: str = Field(description="a spec intent id, or 'out-of-scope'")
    kind: ReplyKind
    confidence: float = Field(ge=0.0, le=1.0)
    title: str
    lead: str | None = Field(
        default=None,
        description="the part of the answer that fits the question, shown first; the sections are the rest",
    )
    more: str | None = Field(
        default=None,
        description="when set, the sections are shown on request (Slack's More button sends this key back)",
    )
    sections: list[Section] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)
    items: list[str] = Field(default_factory=list, description="checklist items, in order")
    draft: str | None = Field(default=None, description="a ready-to-paste draft (templates)")
    citation: str | None = Field(default=None, description="the guide section(s) behind the answer")
    related: list[Choice] = Field(default_factory=list)
    offers: list[Offer] = Field(default_factory=list)
    did_you_mean: list[Choice] = Field(default_factory=list)
    problem: InputProblem | None = None
    form: str | None = Field(default=None, description="id of a calculator whose form can be opened")
    calculation: Calculation | None = Field(default=None, description="a calculator's inputs, known and missing")
    reference: str | None = Field(default=None, description="reference id of an unexpected error")
