"""How sure is an eval result: the Wilson score interval for an accuracy measured on n samples.

Wilson rather than the textbook normal interval because it stays inside 0-100% and
behaves at accuracies near 0% or 100% and at small n, which is where eval results live.
With no failures (or no successes) the rule of three gives the bound people quote. Questions
that come in groups (several per document, conversation or task) are not independent: the
design effect 1 + (m - 1) * ICC shrinks n to an effective sample size, widening the interval.
"""

from collections.abc import Collection


from pydantic import BaseModel, ConfigDict, Field, model_validator

from evalbot.calculators import format as fmt
from evalbot.calculators.base import Calculator, OutputSpec, Presentation
from evalbot.calculators.fields import FieldSpec
from evalbot.errors import CommandError
from evalbot.calculators import proportions
from evalbot.stats import wilson_interval

MAX_N = 10**9
EXAMPLE = "ci accuracy=92% n=500 confidence=90%"
# Below these a result is valid but weak: it gets a note.
SMALL_SAMPLE = 30
LOW_CONFIDENCE = 0.80


class IntervalInput(BaseModel):
    model_config = ConfigDict(frozen=True)

    n: int = Field(ge=1, le=MAX_N, description="samples evaluated")
    accuracy: float | None = Field(default=None, ge=0, le=1, description="measured accuracy, as a fraction")
    correct: int | None = Field(default=None, ge=0, le=MAX_N, description="samples judged correct")
    failures: int | None = Field(default=None, ge=0, le=MAX_N, description="samples judged wrong")
    confidence: float = Field(default=0.90, ge=0.5, le=0.999)
    cluster_size: float | None = Field(default=None, ge=1, le=MAX_N, description="questions per group")
    icc: float | None = Field(default=None, ge=0, le=1, description="intra-cluster correlation")
    design_effect: float | None = Field(default=None, ge=1, le=MAX_N)

    @model_validator(mode="after")
    def _one_accuracy(self) -> "IntervalInput":
        if self.failures is not None:
            if self.failures > self.n:
                raise CommandError(f"`failures` ({self.failures:,}) can't be more than `n` ({self.n:,}).",
                                   field="failures", example="ci failures=0 n=30")
            if self.correct is not None and self.correct + self.failures != self.n:
                raise CommandError(f"`correct` ({self.correct:,}) and `failures` ({self.failures:,}) don't add up to "
                                   f"`n` ({self.n:,}); give one of them.", field="failures", example=EXAMPLE)
            object.__setattr__(self, "correct", self.n - self.failures)
        if self.accuracy is None and self.correct is None:
            raise CommandError("`ci` needs `accuracy` (or `correct`).", field="accuracy", example=EXAMPLE)
        if self.correct is not None and self.correct > self.n:
            raise CommandError(f"`correct` ({self.correct:,}) can't be more than `n` ({self.n:,}).",
                               field="correct", example="ci correct=460 n=500")
        if self.correct is not None and self.accuracy is not None:
            # Agreeing means the accuracy rounds to the same count of correct samples.
            if abs(self.accuracy * self.n - self.correct) > max(0.5, 0.005 * self.n):
                raise CommandError(
                    f"`accuracy` ({fmt.percent(self.accuracy)}) disagrees with `correct`/`n` "
                    f"({fmt.percent(self.correct / self.n)}); give one or the other.", field="accuracy",
                    example=EXAMPLE)
        return self


class IntervalResult(BaseModel):
    accuracy: float
    n: int
    confidence: float
    low: float
    high: float
    design_effect: float = 1.0
    cluster_size: float | None = None
    icc: float | None = None
    independent_low: float | None = Field(default=None, description="the interval as if every case were independent")
    independent_high: float | None = None
    zero: str | None = Field(default=None, description="'failures' or 'successes' when there were none")


def wilson(inputs: IntervalInput) -> IntervalResult:
    """The Wilson score interval at the requested two-sided confidence, on the effective sample size."""
    p = inputs.correct / inputs.n if inputs.correct is not None else inputs.accuracy
    deff = inputs.design_effect or (proportions.design_effect(inputs.cluster_size, inputs.icc)
                                    if inputs.cluster_size is not None and inputs.icc is not None else 1.0)
    effective = inputs.n / deff
    low, high = _interval(p, effective, inputs.confidence)
    plain = _interval(p, inputs.n, inputs.confidence) if deff > 1 else (None, None)
    zero = "failures" if p == 1 else "successes" if p == 0 else None
    return IntervalResult(accuracy=p, n=inputs.n, confidence=inputs.confidence, low=low, high=high,
                          design_effect=deff, cluster_size=inputs.cluster_size, icc=inputs.icc,
                          independent_low=plain[0], independent_high=plain[1], zero=zero)


def _interval(p: float, n: float, confidence: float) -> tuple[float, float]:
    low, high = wilson_interval(p * n, n, confidence=confidence)
    # The Wilson interval always contains p; clamping undoes float rounding at p = 0 or 1.
    return min(p, low), max(p, high)


def needs(given: Collection[str]) -> list[str]:
    """Clusters need their size and an intra-cluster correlation, unless a design effect is stated."""
    if "design_effect" in given or not ({"cluster_size", "icc"} & set(given)):
        return []
    return ["cluster_size", "icc"]


def sanity(inputs: IntervalInput, result: IntervalResult) -> list[str]:
    """Notes: fewer than 30 samples, a confidence level under 80%, an accuracy of exactly 0% or 100%."""
    notes = []
    if inputs.n < SMALL_SAMPLE:
        notes.append(f"{inputs.n} samples is a small eval (under {SMALL_SAMPLE}): the interval is wide, and one "
                     "more failure moves it a lot. Treat the result as a first look.")
    if inputs.confidence < LOW_CONFIDENCE:
        notes.append(f"{fmt.percent(inputs.confidence, decimals=1)} confidence is low for a decision (under "
                     f"{fmt.percent(LOW_CONFIDENCE)}); 90% or 95% is usual.")
    if result.accuracy in (0.0, 1.0):
        notes.append(f"An accuracy of exactly {fmt.percent(result.accuracy)} on {inputs.n:,} samples says the "
                     "eval may be too easy (or too hard) to tell models apart.")
    return notes


def present(result: IntervalResult) -> Presentation:
    interval = fmt.interval(result.low, result.high)
    accuracy, confidence = fmt.percent(result.accuracy, decimals=1), fmt.percent(result.confidence, decimals=1)
    statement = f"Accuracy is {accuracy} with {confidence} confidence ({interval} CI)"
    width = (result.high - result.low) * 100
    summary = (f"*{statement}.* On {result.n:,} samples the true accuracy could sit anywhere in a band "
               f"{width:.1f} points wide. State it this way rather than \"{accuracy} but we're not sure\", "
               "and weigh it against the stakes: the costlier a wrong call, the more conservative the threshold.")
    outputs = {"ci_statement": statement, "interval": interval, "accuracy": accuracy, "confidence": confidence,
               "n": f"{result.n:,}", "low": fmt.percent(result.low, decimals=1),
               "high": fmt.percent(result.high, decimals=1), "rule_of_three": "", "clustered": ""}
    if result.zero:
        outputs["rule_of_three"] = _rule_of_three(result)
        summary += f" {outputs['rule_of_three']}"
    if result.design_effect > 1:
        outputs["clustered"] = _clustered(result)
        summary += f" {outputs['clustered']}"
    return Presentation(outputs=outputs, summary=summary)


def _rule_of_three(result: IntervalResult) -> str:
    """ "0 failures in 30: the failure rate is below 10% with 95% confidence (rule of three)." """
    none = "failure" if result.zero == "failures" else "success"
    n = result.n / result.design_effect
    bound = min(1.0, 3 / n)
    exact = proportions.zero_event_bound(max(1, round(n)))
    return (f"With 0 {result.zero} in {result.n:,}, the {none} rate is below *{fmt.percent(bound, decimals=1)}* with "
            f"95% confidence (the rule of three, 3/{fmt.number(round(n, 1))}; exactly, below "
            f"{fmt.percent(exact, decimals=1)}).")


def _clustered(result: IntervalResult) -> str:
    source = (f"clusters of {fmt.number(result.cluster_size)} with an intra-cluster correlation of "
              f"{fmt.number(result.icc)}" if result.icc is not None else "the stated clustering")
    plain = fmt.interval(result.independent_low, result.independent_high)
    widening = (result.high - result.low) / (result.independent_high - result.independent_low) - 1
    return (f"Because questions come in {source}, the design effect is {result.design_effect:.2f}: "
            f"{result.n:,} cases count as {result.n / result.design_effect:,.0f} independent ones, and the interval "
            f"widens from {plain} to {fmt.interval(result.low, result.high)} "
            f"({fmt.percent(widening, decimals=0)} wider).")


CALCULATOR = Calculator(
    id="confidence-interval",
    title="Confidence interval for an eval result",
    fields=(
        FieldSpec(name="accuracy", label="measured accuracy", kind="percent", required=False, example="92%",
                  low=0, high=100, aliases=("acc", "score", "pass_rate"),
                  question="What accuracy did you measure?"),
        FieldSpec(name="correct", label="samples judged correct", kind="count", required=False, example="460",
                  low=0, high=MAX_N, aliases=("k", "passed", "successes"),
                  question="How many samples were judged correct?"),
        FieldSpec(name="failures", label="samples judged wrong", kind="count", required=False, example="0",
                  low=0, high=MAX_N, aliases=("errors", "wrong", "failed", "incorrect", "misses"),
                  question="How many samples failed?"),
        FieldSpec(name="n", label="samples evaluated", kind="count", example="500", low=1, high=MAX_N,
                  aliases=("samples", "sample_size", "size", "total"),
                  question="How many samples did you evaluate?"),
        FieldSpec(name="confidence", label="confidence level", kind="percent", required=False, default="90%",
                  example="90%", low=50, high=99.9, aliases=("conf", "level", "confidence_level"),
                  question="At what confidence level?", assumed="{} confidence", alternative="95%"),
        FieldSpec(name="cluster_size", label="questions per cluster", kind="number", required=False, example="10",
                  low=1, high=MAX_N, aliases=("per_cluster", "cluster", "group_size", "m"),
                  question="How many questions does each cluster (document, conversation, task) hold?"),
        FieldSpec(name="icc", label="intra-cluster correlation", kind="number", required=False, example="0.1",
                  low=0, high=1, aliases=("rho", "intra_cluster_correlation", "correlation"),
                  question="What is the intra-cluster correlation (0-1; 0.1 is common)?"),
        FieldSpec(name="design_effect", label="design effect", kind="number", required=False, example="1.9",
                  low=1, high=MAX_N, aliases=("deff",)),
    ),
    either=(("accuracy",), ("correct",), ("failures",)),
    needs=needs,
    outputs=(
        OutputSpec(name="interval", label="Confidence interval"),
        OutputSpec(name="accuracy", label="Accuracy"),
        OutputSpec(name="confidence", label="Confidence level"),
        OutputSpec(name="n", label="Samples"),
        OutputSpec(name="rule_of_three", label="Rule of three", fact=False),
        OutputSpec(name="clustered", label="Clustering", fact=False),
        OutputSpec(name="ci_statement", label="accuracy with its confidence interval", fact=False),
        OutputSpec(name="low", label="lower bound", fact=False),
        OutputSpec(name="high", label="upper bound", fact=False),
    ),
    example=EXAMPLE,
    input_model=IntervalInput,
    compute=wilson,
    present=present,
    sanity=sanity,
)
