"""Internal rate of return: the discount rate at which an investment's NPV is zero.

Flows that never change sign have no IRR; flows that change sign more than once may have
several, and then IRR misleads: the reply says so and points to NPV at a stated rate.
"""

from pydantic import BaseModel, Field

from evalbot.calculators import cash_flows
from evalbot.calculators import format as fmt
from evalbot.calculators.base import Calculator, OutputSpec, Presentation
from evalbot.calculators.investment import BENEFIT, COST, EITHER, FLOWS, RATE, UPFRONT, InvestmentInput, years_field
from evalbot.errors import CommandError

EXAMPLE = "irr upfront=500K benefit=200K years=4"
FLOWS_EXAMPLE = "irr flows=-500K,200K,200K,200K,200K"
HIGH_IRR = 1.0  # above 100% a year the figures are probably monthly, or the upfront cost is missing a zero


class IrrResult(BaseModel):
    rates: list[float] = Field(description="every rate at which NPV is zero, lowest first")
    npv_at_rate: float
    rate: float
    flows: list[float]


def irr(inputs: InvestmentInput) -> IrrResult:
    """The IRR(s) of the flows, and their NPV at `rate` for comparison.

    Raises:
        CommandError: flows that never change sign (nothing invested, or nothing returned).
    """
    flows = inputs.cash_flows(horizon=3)
    if cash_flows.sign_changes(flows) == 0:
        what = "nothing is invested (no negative flow)" if all(f >= 0 for f in flows) else \
            "nothing comes back (no positive flow)"
        raise CommandError(f"`flows` never change sign, so there is no IRR: {what}. Year 0 is usually the "
                           "cost, written negative.", field="flows", example=FLOWS_EXAMPLE)
    return IrrResult(rates=cash_flows.internal_rates(flows), npv_at_rate=cash_flows.npv(flows, inputs.rate),
                     rate=inputs.rate, flows=flows)


def sanity(inputs: InvestmentInput, result: IrrResult) -> list[str]:
    """Notes: an IRR above 100% a year."""
    if any(rate > HIGH_IRR for rate in result.rates):
        return ["An IRR above 100% a year is rare for eval tooling; check that the savings are yearly and the "
                "upfront cost has all its zeros."]
    return []


def present(result: IrrResult) -> Presentation:
    rate, worth = fmt.percent(result.rate), fmt.money(result.npv_at_rate)
    years = len(result.flows) - 1
    horizon = f"{years} year{'s' * (years != 1)}"
    if len(result.rates) == 1:
        irr_text = fmt.percent(result.rates[0], decimals=1)
        beats = "beats" if result.rates[0] > result.rate else "falls short of"
        summary = (f"Over {horizon} the investment returns *{irr_text} a year* (its IRR): it {beats} "
                   f"{fmt.with_article(rate)} hurdle, and at {rate} its NPV is {worth}. Fund it if "
                   f"{irr_text} beats your cost of capital.")
    elif result.rates:
        irr_text = " and ".join(fmt.percent(r, decimals=1) for r in result.rates)
        summary = (f"These flows change sign more than once, so they have *more than one IRR* ({irr_text}): "
                   f"IRR can't rank this investment. Judge it by NPV instead: {worth} at {rate}.")
    else:
        irr_text = "none"
        summary = (f"These flows change sign more than once and *have no IRR*: no discount rate makes their NPV "
                   f"zero. Judge the investment by NPV instead: {worth} at {rate}.")
    outputs = {"irr": irr_text, "npv_at_rate": worth, "rate": rate, "years": str(years)}
    return Presentation(outputs=outputs, summary=summary)


CALCULATOR = Calculator(
    id="irr",
    title="IRR of an investment",
    fields=(FLOWS, UPFRONT, BENEFIT, COST, years_field(default="3"),
            RATE.model_copy(update={"label": "discount rate to compare with", "assumed": "a {} hurdle rate"})),
    either=EITHER,
    replaces=(("flows", ("upfront", "benefit", "cost", "years")),),
    outputs=(
        OutputSpec(name="irr", label="IRR"),
        OutputSpec(name="npv_at_rate", label="NPV at the hurdle rate"),
        OutputSpec(name="rate", label="Hurdle rate"),
        OutputSpec(name="years", label="years", fact=False),
    ),
    example=EXAMPLE,
    input_model=InvestmentInput,
    compute=irr,
    present=present,
    sanity=sanity,
)
