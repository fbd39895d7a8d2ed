"""How sure is an eval result: the Wilson score interval for an accuracy measured on n samples.

Wilson rather than the textbook normal interval because it stays inside 0-100% and
behaves at accuracies near 0% or 100% and at small n, which is where eval results live.
"""

from pydantic import BaseModel, ConfigDict, Field, model_validator

from evalbot.calculators import format as fmt
from evalbot.calculators.base import Calculator, OutputSpec, Presentation
from evalbot.calculators.fields import FieldSpec
from evalbot.errors import CommandError
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
    confidence: float = Field(default=0.90, ge=0.5, le=0.999)

    @model_validator(mode="after")
    def _one_accuracy(self) -> "IntervalInput":
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


def wilson(inputs: IntervalInput) -> IntervalResult:
    """The Wilson score interval at the requested two-sided confidence."""
    p = inputs.correct / inputs.n if inputs.correct is not None else inputs.accuracy
    low, high = wilson_interval(p * inputs.n, inputs.n, confidence=inputs.confidence)
    # The Wilson interval always contains p; clamping undoes float rounding at p = 0 or 1.
    return IntervalResult(accuracy=p, n=inputs.n, confidence=inputs.confidence, low=min(p, low), high=max(p, high))


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
               "high": fmt.percent(result.high, decimals=1)}
    return Presentation(outputs=outputs, summary=summary)


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
        FieldSpec(name="n", label="samples evaluated", kind="count", example="500", low=1, high=MAX_N,
                  aliases=("samples", "sample_size", "size", "total"),
                  question="How many samples did you evaluate?"),
        FieldSpec(name="confidence", label="confidence level", kind="percent", required=False, default="90%",
                  example="90%", low=50, high=99.9, aliases=("conf", "level", "confidence_level"),
                  question="At what confidence level?", assumed="{} confidence", alternative="95%"),
    ),
    either=(("accuracy",), ("correct",)),
    outputs=(
        OutputSpec(name="interval", label="Confidence interval"),
        OutputSpec(name="accuracy", label="Accuracy"),
        OutputSpec(name="confidence", label="Confidence level"),
        OutputSpec(name="n", label="Samples"),
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
