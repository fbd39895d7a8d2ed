"""What IRR and payback share: an investment stated as year-by-year flows, or as level figures.

Level figures are an upfront cost at year 0, then the same net saving (benefit less running
cost) at the end of each year.
"""

from pydantic import BaseModel, ConfigDict, Field, model_validator

from evalbot.calculators import cash_flows
from evalbot.calculators.fields import MAX_MONEY, FieldSpec
from evalbot.errors import CommandError

UPFRONT = FieldSpec(name="upfront", label="one-off cost up front", kind="money", required=False, example="500K",
                    aliases=("build", "build_cost", "initial", "capex", "investment"),
                    question="What does it cost up front?")
BENEFIT = FieldSpec(name="benefit", label="annual saving or benefit", kind="money", required=False, example="200K",
                    aliases=("savings", "saving", "value", "annual_benefit"),
                    question="What does it save (or bring in) a year?")
COST = FieldSpec(name="cost", label="annual running cost", kind="money", required=False, default="0",
                 allow_zero=True, example="50K", aliases=("run_cost", "running_cost", "annual_cost", "opex"),
                 assumed="no running cost ({} a year)", alternative="50K")
FLOWS = FieldSpec(name="flows", label="year-by-year net cash flows, year 0 first", kind="flows", required=False,
                  example="-500K,200K,200K,200K,200K", aliases=("cash_flows", "cashflows", "cf"),
                  question="What are the net cash flows, year by year from today?")
RATE = FieldSpec(name="rate", label="discount rate", kind="percent", required=False, default="10%", example="10%",
                 low=0, high=100, aliases=("discount", "discount_rate", "hurdle"), assumed="a {} discount rate",
                 alternative="8%")
EITHER = (("upfront", "benefit"), ("flows",))


def years_field(*, default: str | None) -> FieldSpec:
    return FieldSpec(name="years", label="horizon in years", kind="count", required=False, default=default,
                     example="4", low=1, high=50, aliases=("horizon", "period"), unit="year",
                     assumed="a {}-year horizon", alternative="5")


class InvestmentInput(BaseModel):
    """An investment as flows or level figures; `example` is shown when neither is complete."""

    model_config = ConfigDict(frozen=True)

    upfront: float | None = Field(default=None, gt=0, le=MAX_MONEY)
    benefit: float | None = Field(default=None, gt=0, le=MAX_MONEY)
    cost: float = Field(default=0.0, ge=0, le=MAX_MONEY)
    years: int | None = Field(default=None, ge=1, le=50)
    rate: float = Field(default=0.10, ge=0, le=1)
    flows: tuple[float, ...] | None = Field(default=None, min_length=2, max_length=51)

    @model_validator(mode="after")
    def _one_shape(self) -> "InvestmentInput":
        if self.flows is None and (self.upfront is None or self.benefit is None):
            raise CommandError("Give `upfront` and `benefit`, or year-by-year `flows`.", field="flows",
                               example="flows=-500K,200K,200K,200K,200K")
        return self

    def cash_flows(self, *, horizon: int) -> list[float]:
        """The flows as given, or the level figures laid out over `years` (or `horizon` when none is given)."""
        if self.flows is not None:
            return list(self.flows)
        return cash_flows.level_flows(upfront=self.upfront, net=self.benefit - self.cost,
                                      years=self.years or horizon)
