"""Is one eval result really better than another?

Independent results (two test sets): the difference with Newcombe's hybrid score interval and
the two-proportion score test. The same cases (paired): McNemar's exact test on the discordant
counts (`fixed`: wrong before, right after; `broke`: the reverse) and Tango's score interval
for the paired difference. Two accuracies on the same cases without the discordant counts
cannot be tested: the counts are asked for.
"""

from collections.abc import Collection

from pydantic import BaseModel, ConfigDict, Field, model_validator

from evalbot.calculators import format as fmt
from evalbot.calculators import proportions
from evalbot.calculators.base import Calculator, OutputSpec, Presentation
from evalbot.calculators.fields import FieldSpec
from evalbot.errors import CommandError

EXAMPLE = "compare a=92%/500 b=90%/2000"
PAIRED_EXAMPLE = "compare fixed=40 broke=20 n=1000"
MAX_N = 10**9


class CompareInput(BaseModel):
    model_config = ConfigDict(frozen=True)

    a: tuple[float, int] | None = None
    b: tuple[float, int] | None = None
    fixed: int | None = Field(default=None, ge=0, le=MAX_N)
    broke: int | None = Field(default=None, ge=0, le=MAX_N)
    n: int | None = Field(default=None, ge=1, le=MAX_N)
    confidence: float = Field(default=0.95, ge=0.5, le=0.999)

    @model_validator(mode="after")
    def _one_design(self) -> "CompareInput":
        if self.fixed is not None and self.broke is not None:
            if self.n is None:
                raise CommandError("A paired comparison needs `n`, the cases both systems ran on.", field="n",
                                   example=PAIRED_EXAMPLE)
            if self.fixed + self.broke > self.n:
                raise CommandError(f"`fixed` + `broke` ({self.fixed + self.broke:,}) can't be more than `n` "
                                   f"({self.n:,}), the cases both systems ran on.", field="n", example=PAIRED_EXAMPLE)
        elif self.a is None or self.b is None:
            raise CommandError("`compare` needs two results, `a` and `b`, or the paired counts `fixed`, `broke` "
                               "and `n`.", field="a", example=EXAMPLE)
        else:
            for name, (_, size) in (("a", self.a), ("b", self.b)):
                if not size:
                    raise CommandError(
                        f"`{name}` needs its sample size, like `{name}=92%/500`. If both systems ran on the same "
                        "cases, give `n` and the discordant counts `fixed` and `broke` instead.", field=name,
                        example=EXAMPLE)
        return self


class CompareResult(BaseModel):
    paired: bool
    difference: float = Field(description="a - b (independent) or after - before (paired), as a fraction")
    low: float
    high: float
    p_value: float
    confidence: float
    a: tuple[float, int] | None = None
    b: tuple[float, int] | None = None
    fixed: int | None = None
    broke: int | None = None
    n: int | None = None


def compare(inputs: CompareInput) -> CompareResult:
    """The difference, its interval and a p-value, paired when the discordant counts are given."""
    if inputs.fixed is not None and inputs.broke is not None:
        low, high = proportions.tango_interval(inputs.fixed, inputs.broke, inputs.n, confidence=inputs.confidence)
        return CompareResult(paired=True, difference=(inputs.fixed - inputs.broke) / inputs.n, low=low, high=high,
                             p_value=proportions.mcnemar_exact(inputs.fixed, inputs.broke),
                             confidence=inputs.confidence, fixed=inputs.fixed, broke=inputs.broke, n=inputs.n)
    (x1, n1), (x2, n2) = inputs.a, inputs.b
    low, high = proportions.newcombe_interval(x1, n1, x2, n2, confidence=inputs.confidence)
    return CompareResult(paired=False, difference=x1 / n1 - x2 / n2, low=low, high=high,
                         p_value=proportions.score_test(x1, n1, x2, n2), confidence=inputs.confidence,
                         a=inputs.a, b=inputs.b)


def needs(given: Collection[str]) -> list[str]:
    """Paired counts need each other and `n`; two accuracies on the same `n` need the paired counts."""
    if "fixed" in given or "broke" in given:
        return ["fixed", "broke", "n"]
    if "n" in given and ("a" in given or "b" in given):
        return ["fixed", "broke"]  # the same cases: only the discordant counts can tell change from noise
    return []


def _points(fraction: float) -> str:
    return f"{fraction * 100:+.1f}".rstrip("0").rstrip(".") + " points"


def _p(value: float) -> str:
    return "p < 0.001" if value < 0.001 else f"p = {value:.3f}" if value < 0.1 else f"p = {value:.2f}"


def present(result: CompareResult) -> Presentation:
    conf = fmt.percent(result.confidence, decimals=1)
    interval = f"{_points(result.low)} to {_points(result.high)}"
    significant = result.low > 0 or result.high < 0
    if result.paired:
        setting = (f"On the same {result.n:,} cases the new system fixed {result.fixed:,} and broke {result.broke:,}: "
                   f"a net change of *{_points(result.difference)}*")
        test = "McNemar's exact test"
    else:
        (x1, n1), (x2, n2) = result.a, result.b
        setting = (f"A ({fmt.percent(x1 / n1, decimals=1)} of {n1:,}) minus B ({fmt.percent(x2 / n2, decimals=1)} of "
                   f"{n2:,}) is *{_points(result.difference)}*")
        test = "two-proportion score test"
    if significant:
        better = "A" if not result.paired and result.difference > 0 else "B" if not result.paired else \
            ("the new system" if result.difference > 0 else "the old system")
        verdict = f"a real difference at {conf} confidence: {better} is better"
    else:
        verdict = f"not distinguishable from noise at {conf} confidence"
    summary = (f"{setting} ({conf} CI {interval}; {_p(result.p_value)}, {test}). *Verdict: {verdict}.*")
    if not significant and not result.paired:
        summary += " More cases, or both systems run on the same cases and compared paired, would narrow it."
    outputs = {"difference": _points(result.difference), "interval": interval, "p_value": _p(result.p_value),
               "verdict": verdict[:1].upper() + verdict[1:], "method": "paired" if result.paired else "independent",
               "confidence": conf}
    return Presentation(outputs=outputs, summary=summary)


CALCULATOR = Calculator(
    id="compare",
    title="Compare two eval results",
    fields=(
        FieldSpec(name="a", label="first result: accuracy and cases (e.g. 92%/500)", kind="result",
                  required=False, example="92%/500", aliases=("first", "model_a", "system_a", "x"),
                  question="What was the first result, and on how many cases?"),
        FieldSpec(name="b", label="second result: accuracy and cases (e.g. 90%/2000)", kind="result",
                  required=False, example="90%/2000", aliases=("second", "model_b", "system_b", "y"),
                  question="What was the second result, and on how many cases?"),
        FieldSpec(name="fixed", label="paired: cases wrong before and right after", kind="count", required=False,
                  example="40", low=0, high=MAX_N, aliases=("gained", "improved", "wins", "b_only"),
                  question=("On the same cases, how many did the new system get right that the old one got wrong? "
                            "Two accuracies on the same cases can't be told apart from noise without the "
                            "discordant counts: `fixed`, and `broke` (right before, wrong after).")),
        FieldSpec(name="broke", label="paired: cases right before and wrong after", kind="count", required=False,
                  example="20", low=0, high=MAX_N, aliases=("lost", "regressed", "regressions", "losses", "a_only"),
                  question="How many did it get wrong that the old one got right?"),
        FieldSpec(name="n", label="paired: cases both systems ran on", kind="count", required=False, example="1000",
                  low=1, high=MAX_N, aliases=("cases", "samples", "total", "shared"),
                  question="How many cases did both systems run on?"),
        FieldSpec(name="confidence", label="confidence level", kind="percent", required=False, default="95%",
                  example="95%", low=50, high=99.9, aliases=("conf", "level", "confidence_level"),
                  assumed="{} confidence", alternative="90%"),
    ),
    either=(("a", "b"), ("fixed", "broke")),
    outputs=(
        OutputSpec(name="difference", label="Difference"),
        OutputSpec(name="interval", label="Confidence interval"),
        OutputSpec(name="p_value", label="p-value"),
        OutputSpec(name="verdict", label="Verdict"),
        OutputSpec(name="method", label="Design", fact=False),
        OutputSpec(name="confidence", label="Confidence level", fact=False),
    ),
    example=EXAMPLE,
    input_model=CompareInput,
    compute=compare,
    present=present,
    needs=needs,
)
