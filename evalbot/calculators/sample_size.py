"""Planning an eval: how many cases for a target margin of error, or to detect a difference.

Margin: the normal-approximation half-width z * sqrt(p (1 - p) / n), solved for n. Difference:
cases per system for a two-sided two-proportion test with the given power. Without an expected
accuracy, 50% is assumed: the worst case, so the count is never too small.
"""

import math

from pydantic import BaseModel, ConfigDict, Field, model_validator

from evalbot.calculators import format as fmt
from evalbot.calculators import proportions
from evalbot.calculators.base import Calculator, OutputSpec, Presentation
from evalbot.calculators.fields import FieldSpec
from evalbot.errors import CommandError

EXAMPLE = "sample-size margin=2% accuracy=90% confidence=95%"
POWER_EXAMPLE = "sample-size difference=3% accuracy=90% power=80%"
MAX_CASES = 10**9


class SampleSizeInput(BaseModel):
    model_config = ConfigDict(frozen=True)

    margin: float | None = Field(default=None, gt=0, le=0.5)
    difference: float | None = Field(default=None, gt=0, lt=1)
    accuracy: float = Field(default=0.5, gt=0, lt=1)
    confidence: float = Field(default=0.95, ge=0.5, le=0.999)
    power: float = Field(default=0.8, ge=0.5, le=0.999)
    n: int | None = Field(default=None, ge=1, le=MAX_CASES, description="the cases one can afford")

    @model_validator(mode="after")
    def _one_goal(self) -> "SampleSizeInput":
        if self.margin is None and self.difference is None:
            raise CommandError("`sample-size` needs a `margin` (for an interval) or a `difference` (to detect).",
                               field="margin", example=EXAMPLE)
        if self.margin is not None and self.difference is not None:
            raise CommandError("Give `margin` (how tight an interval) or `difference` (what to detect), not both.",
                               field="difference", example=POWER_EXAMPLE)
        if self.difference is not None and not 0 < self.compared_with() < 1:
            raise CommandError(f"A {fmt.percent(self.difference)} change from {fmt.percent(self.accuracy)} leaves "
                               "0-100%; check `difference` and `accuracy`.", field="difference", example=POWER_EXAMPLE)
        return self

    def compared_with(self) -> float:
        """The accuracy to tell apart: the difference taken towards 50%, where a proportion varies most."""
        return self.accuracy - self.difference if self.accuracy > 0.5 else self.accuracy + self.difference


class SampleSizeResult(BaseModel):
    cases: int = Field(description="cases needed; per system when detecting a difference")
    goal: str = Field(description="margin or difference")
    accuracy: float
    other: float | None = Field(description="the accuracy to tell apart from `accuracy`")
    confidence: float
    power: float
    target: float
    budget: int | None
    with_budget: float | None = Field(description="the margin, or the smallest difference, that `budget` gives")


def sample_size(inputs: SampleSizeInput) -> SampleSizeResult:
    """Cases for the margin or the difference, and what a budget of `n` cases achieves instead."""
    p = inputs.accuracy
    if inputs.margin is not None:
        needed = proportions.cases_for_margin(p, inputs.margin, confidence=inputs.confidence)
        achieved = None if inputs.n is None else proportions.margin_for_cases(p, inputs.n, confidence=inputs.confidence)
        other, goal, target = None, "margin", inputs.margin
    else:
        other = inputs.compared_with()
        needed = proportions.cases_per_group(p, other, confidence=inputs.confidence, power=inputs.power)
        achieved = None if inputs.n is None else proportions.detectable_difference(
            p, inputs.n, confidence=inputs.confidence, power=inputs.power)
        goal, target = "difference", inputs.difference
    return SampleSizeResult(cases=math.ceil(needed - 1e-9), goal=goal, accuracy=p, other=other,
                            confidence=inputs.confidence, power=inputs.power, target=target, budget=inputs.n,
                            with_budget=achieved)


def _points(fraction: float) -> str:
    return f"{fraction * 100:.1f}".rstrip("0").rstrip(".") + " points"


def present(result: SampleSizeResult) -> Presentation:
    cases, conf = f"{result.cases:,}", fmt.percent(result.confidence, decimals=1)
    acc = fmt.percent(result.accuracy, decimals=1)
    if result.goal == "margin":
        summary = (f"*{cases} cases* give an interval of ±{_points(result.target)} at {conf} confidence, if accuracy "
                   f"is near {acc}.")
        budget = "" if result.budget is None else (
            f" With {result.budget:,} cases the margin would be ±{_points(result.with_budget)}.")
    else:
        summary = (f"*{cases} cases per system* ({result.cases * 2:,} in all) detect a change of {_points(result.target)} "
                   f"({acc} vs {fmt.percent(result.other, decimals=1)}) with {fmt.percent(result.power)} "
                   f"power at {conf} confidence, comparing two independent runs. Run both systems on the same "
                   "cases and compare them paired (`compare fixed=… broke=… n=…`), and fewer usually do.")
        budget = "" if result.budget is None else (
            f" With {result.budget:,} cases per system the smallest change you can reliably detect is "
            f"{_points(result.with_budget)}." if not math.isnan(result.with_budget) else
            f" With {result.budget:,} cases per system no change can be detected reliably.")
    outputs = {"cases": cases, "accuracy": acc, "confidence": conf, "power": fmt.percent(result.power),
               "with_budget": "" if result.with_budget is None or math.isnan(result.with_budget)
               else _points(result.with_budget)}
    return Presentation(outputs=outputs, summary=summary + budget)


CALCULATOR = Calculator(
    id="sample-size",
    title="Sample size for an eval",
    fields=(
        FieldSpec(name="margin", label="target margin of error (± points)", kind="percent", required=False,
                  example="2%", low=0.01, high=50, aliases=("moe", "half_width", "precision", "within"),
                  question="How tight should the interval be (± points)?"),
        FieldSpec(name="difference", label="difference to detect (points)", kind="percent", required=False,
                  example="3%", low=0.01, high=99, aliases=("diff", "delta", "mde", "effect", "drop", "lift"),
                  question="What difference should the eval detect (points)?"),
        FieldSpec(name="accuracy", label="expected accuracy", kind="percent", required=False, default="50%",
                  example="90%", low=0.01, high=99.99, aliases=("acc", "baseline", "p", "expected"),
                  assumed="an expected accuracy of {} (the worst case: most cases)", alternative="90%"),
        FieldSpec(name="confidence", label="confidence level", kind="percent", required=False, default="95%",
                  example="95%", low=50, high=99.9, aliases=("conf", "level", "confidence_level"),
                  assumed="{} confidence", alternative="90%"),
        FieldSpec(name="power", label="power", kind="percent", required=False, default="80%", example="80%",
                  low=50, high=99.9, assumed="{} power (for a difference)", alternative="90%"),
        FieldSpec(name="n", label="cases you can afford", kind="count", required=False, example="500", low=1,
                  high=MAX_CASES, aliases=("budget", "cases", "samples", "available")),
    ),
    either=(("margin",), ("difference",)),
    replaces=(("margin", ("power",)),),
    outputs=(
        OutputSpec(name="cases", label="Cases needed"),
        OutputSpec(name="accuracy", label="Expected accuracy"),
        OutputSpec(name="confidence", label="Confidence level"),
        OutputSpec(name="with_budget", label="With your budget", fact=False),
        OutputSpec(name="power", label="Power", fact=False),
    ),
    example=EXAMPLE,
    input_model=SampleSizeInput,
    compute=sample_size,
    present=present,
)
