"""How long until an investment pays for itself: plain, and discounted at a rate.

Within the year it happens, that year's flow counts as arriving evenly (the usual convention),
so 1M recovered at 300K a year pays back in 3 years 4 months.
"""

from pydantic import BaseModel

from evalbot.calculators import cash_flows
from evalbot.calculators import format as fmt
from evalbot.calculators.base import Calculator, OutputSpec, Presentation
from evalbot.calculators.investment import BENEFIT, COST, EITHER, FLOWS, RATE, UPFRONT, InvestmentInput, years_field

EXAMPLE = "payback upfront=1M benefit=300K rate=10%"
# Level figures with no horizon are followed this far: the longest horizon any input allows.
LONGEST = 50


class PaybackResult(BaseModel):
    payback: float | None
    discounted_payback: float | None
    horizon: int
    horizon_given: bool
    rate: float
    net: float | None


def payback(inputs: InvestmentInput) -> PaybackResult:
    """Plain and discounted payback, in years (None: not within the horizon)."""
    flows = inputs.cash_flows(horizon=LONGEST)
    return PaybackResult(
        payback=cash_flows.payback_years(flows),
        discounted_payback=cash_flows.payback_years(cash_flows.present_values(flows, inputs.rate)),
        horizon=len(flows) - 1, horizon_given=inputs.flows is not None or inputs.years is not None,
        rate=inputs.rate, net=None if inputs.flows else inputs.benefit - inputs.cost)


def present(result: PaybackResult) -> Presentation:
    within = f"within {result.horizon} years" if result.horizon_given else "ever"
    plain = fmt.years_months(result.payback) if result.payback is not None else f"never ({within})"
    discounted = (fmt.years_months(result.discounted_payback) if result.discounted_payback is not None
                  else f"never ({within})")
    rate = fmt.percent(result.rate)
    if result.net is not None and result.net <= 0:
        summary = "*It never pays back*: the yearly saving does not exceed the running cost."
    elif result.payback is None:
        summary = f"*It does not pay back {within}.*"
    elif result.discounted_payback is None:
        summary = (f"It pays back in *{plain}* before discounting, but at {fmt.with_article(rate)} discount rate "
                   f"it does not pay back {within}: the money is tied up too long to earn its cost of capital.")
    else:
        summary = (f"It pays for itself in *{plain}*; counting the time value of money at {rate}, in "
                   f"{discounted}. Shorter than the tool's useful life means worth doing, if the savings hold.")
    outputs = {"payback": plain, "discounted_payback": discounted, "rate": rate}
    return Presentation(outputs=outputs, summary=summary)


CALCULATOR = Calculator(
    id="payback",
    title="Payback period of an investment",
    fields=(UPFRONT, BENEFIT, COST, RATE, FLOWS, years_field(default=None)),
    either=EITHER,
    replaces=(("flows", ("upfront", "benefit", "cost", "years")),),
    outputs=(
        OutputSpec(name="payback", label="Payback"),
        OutputSpec(name="discounted_payback", label="Discounted payback"),
        OutputSpec(name="rate", label="Discount rate"),
    ),
    example=EXAMPLE,
    input_model=InvestmentInput,
    compute=payback,
    present=present,
)
