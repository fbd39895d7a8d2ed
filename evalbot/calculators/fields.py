"""The inputs a calculator accepts: how each is named, labelled, parsed, bounded and shown.

The Slack form and the template engine read these too, so a field is described once.
"""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from evalbot.calculators import format as fmt
from evalbot.inputs import money
from evalbot.inputs.lists import parse_flows, parse_result
from evalbot.inputs.money import parse_money
from evalbot.inputs.numbers import parse_count, parse_number
from evalbot.inputs.percent import parse_percent

# The largest money input, as the parser enforces it; the input models check the same bound.
MAX_MONEY = float(money.MAX_MONEY)

# `flows`: year-by-year money, year 0 first (a tuple); `result`: an eval score with its sample size,
# read as (correct, n).
FieldKind = Literal["money", "count", "number", "percent", "flows", "result"]
Value = float | int | tuple[float, ...]


class FieldSpec(BaseModel):
    """One input of a calculator.

    Attributes:
        name: the `key` in `key=value`.
        label: what the value means, shown in forms, help and `[placeholders]`.
        kind: how the value is read and shown.
        required: needed on its own (inputs needed as alternatives are not; see `Calculator.either`).
        default: the value used when none is given, as a user would type it.
        example: a typical value, as a user would type it.
        low, high: the accepted range (percent fields: in percentage points).
        allow_zero: money fields only: whether $0 is allowed.
        aliases: other keys accepted for this field.
        unit: what a count measures when it has a unit word of its own (`year`: "5 years").
        question: how the bot asks for the value, one input at a time.
        assumed: for a field with a default, the assumption in words, `{}` standing for the value.
        alternative: another value to show in "say `rate=8%` to change it".
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    kind: FieldKind
    required: bool = True
    default: str | None = None
    example: str
    low: float = 0
    high: float = 10**9
    allow_zero: bool = False
    aliases: tuple[str, ...] = ()
    unit: Literal["year"] | None = None
    question: str | None = None
    assumed: str | None = None
    alternative: str | None = None

    def ask(self) -> str:
        """The question that asks for this value: "What's the annual benefit?"."""
        return self.question or f"What's the {self.label}?"


def parse_field(spec: FieldSpec, raw: str, *, example: str | None) -> Value:
    """Read `raw` for `spec`; a `CommandError` names the field and shows `example`."""
    if spec.kind == "flows":
        return parse_flows(raw, field=spec.name, example=example)
    if spec.kind == "result":
        return parse_result(raw, field=spec.name, example=example)
    if spec.kind == "money":
        return parse_money(raw, field=spec.name, allow_zero=spec.allow_zero, example=example)
    if spec.kind == "count":
        return parse_count(raw, field=spec.name, low=int(spec.low), high=int(spec.high), example=example)
    if spec.kind == "percent":
        return parse_percent(raw, field=spec.name, low=spec.low, high=spec.high, example=example)
    return parse_number(raw, field=spec.name, low=spec.low, high=spec.high, example=example)


def format_field(spec: FieldSpec, value: Value) -> str:
    """`value` as an executive reads it: `$2M`, `500`, `10%`, `-$150K, $40K`, `92% of 500`."""
    if spec.kind == "flows":
        return ", ".join(fmt.money(flow) for flow in value)
    if spec.kind == "result":
        correct, n = value
        return f"{fmt.percent(correct / n, decimals=1)} of {fmt.number(n)}" if n else fmt.percent(correct, decimals=1)
    if spec.kind == "money":
        return fmt.money(value)
    if spec.kind == "percent":
        return fmt.percent(value)
    return fmt.number(value)
