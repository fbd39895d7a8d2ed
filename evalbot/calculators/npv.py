"""A multi-year business case with discounting.

The upfront build cost falls at year 0; each year's net benefit (benefit minus running
cost) arrives at the end of years 1..N and is discounted by (1 + rate)^year. The payback
year is the first year in which the discounted running total turns positive.
"""

from pydantic import BaseModel, ConfigDict, Field

from evalbot.calculators import format as fmt
from evalbot.calculators.base import Calculator, OutputSpec, Presentation
from evalbot.calculators.fields import MAX_MONEY, FieldSpec

EXAMPLE = "npv upfront=500K cost=100K benefit=5M years=3 rate=10%"
# Beyond these a figure is possible but more likely a slip: it gets a note.
HIGH_RATE = 0.30
LONG_HORIZON = 20
LOW_AMOUNT = 1_000
HIGH_MONEY = 1e9


class NpvInput(BaseModel):
    model_config = ConfigDict(frozen=True)

    upfront: float = Field(default=0.0, ge=0, le=MAX_MONEY, description="one-off build cost at year 0")
    cost: float = Field(gt=0, le=MAX_MONEY, description="annual running cost")
    benefit: float = Field(gt=0, le=MAX_MONEY, description="annual benefit")
    years: int = Field(default=3, ge=1, le=50)
    rate: float = Field(default=0.10, ge=0, le=1, description="discount rate, as a fraction")


class NpvYear(BaseModel):
    year: int
    cash_flow: float
    present_value: float
    cumulative: float


class NpvResult(BaseModel):
    npv: float
    undiscounted_net: float
    payback_year: int | None = Field(description="first year the discounted total turns positive; None if never")
    years: int
    rate: float
    table: list[NpvYear]


def npv(inputs: NpvInput) -> NpvResult:
    """Discount each year's net benefit and subtract the upfront cost."""
    table = [NpvYear(year=0, cash_flow=-inputs.upfront, present_value=-inputs.upfront, cumulative=-inputs.upfront)]
    net = inputs.benefit - inputs.cost
    for year in range(1, inputs.years + 1):
        present = net / (1 + inputs.rate) ** year
        table.append(NpvYear(year=year, cash_flow=net, present_value=present, cumulative=table[-1].cumulative + present))
    payback = next((row.year for row in table[1:] if row.cumulative >= 0), None)
    return NpvResult(npv=table[-1].cumulative, undiscounted_net=net * inputs.years - inputs.upfront,
                     payback_year=payback, years=inputs.years, rate=inputs.rate, table=table)


def sanity(inputs: NpvInput, result: NpvResult) -> list[str]:
    """Notes: a discount rate above 30%, a horizon over 20 years, a yearly amount under $1K, any above $1B."""
    notes = []
    if inputs.rate > HIGH_RATE:
        notes.append(f"{fmt.with_article(fmt.percent(inputs.rate)).capitalize()} discount rate is far above the usual 8-15% (a company's cost "
                     "of capital); check `rate`.")
    if inputs.years > LONG_HORIZON:
        notes.append(f"{inputs.years} years is a long horizon for eval tooling (over {LONG_HORIZON}); the later "
                     "years' figures are guesses, so say so, or shorten `years`.")
    for name in ("cost", "benefit"):
        amount = getattr(inputs, name)
        if amount < LOW_AMOUNT:
            notes.append(f"`{name}` is {fmt.money(amount)} a year, under $1K; did you mean "
                         f"`{name}={fmt.number(amount)}K`?")
    for name in ("upfront", "cost", "benefit"):
        amount = getattr(inputs, name)
        if amount > HIGH_MONEY:
            notes.append(f"`{name}` is {fmt.money(amount)}, above $1B; check the units.")
    return notes


def present(result: NpvResult) -> Presentation:
    payback = f"year {result.payback_year}" if result.payback_year else f"not within {result.years} years"
    pays_back = (f"It pays back in year {result.payback_year}." if result.payback_year
                 else f"It does not pay back within {fmt.number(result.years)} year{'s' * (result.years != 1)}.")
    outputs = {
        "npv": fmt.money(result.npv), "undiscounted_net": fmt.money(result.undiscounted_net),
        "payback_year": payback, "years": fmt.number(result.years), "rate": fmt.percent(result.rate),
    }
    verdict = "worth doing" if result.npv > 0 else "not worth doing on these figures"
    horizon = "1 year" if result.years == 1 else f"{outputs['years']} years"
    summary = (f"Over {horizon} at {fmt.with_article(outputs['rate'])} discount rate the program is worth "
               f"*{outputs['npv']}* in today's money ({outputs['undiscounted_net']} before discounting), "
               f"so it is {verdict}. {pays_back}")
    rows = [f"• Year {row.year}: {'upfront' if row.year == 0 else 'net'} {fmt.money(row.cash_flow)}, "
            f"worth {fmt.money(row.present_value)} today, running total {fmt.money(row.cumulative)}"
            for row in result.table]
    return Presentation(outputs=outputs, summary=summary, details=(("Year by year", "\n".join(rows)),))


CALCULATOR = Calculator(
    id="npv",
    title="NPV of a multi-year eval business case",
    fields=(
        FieldSpec(name="upfront", label="one-off build cost", kind="money", required=False, default="0",
                  example="500K", allow_zero=True, aliases=("build", "build_cost", "initial", "capex"),
                  question="What does it cost to build, up front?", assumed="an upfront build cost of {}",
                  alternative="500K"),
        FieldSpec(name="cost", label="annual running cost", kind="money", example="100K",
                  aliases=("run_cost", "running_cost", "annual_cost", "opex"),
                  question="What does it cost a year to run?"),
        FieldSpec(name="benefit", label="annual benefit", kind="money", example="5M",
                  aliases=("savings", "value", "annual_benefit")),
        FieldSpec(name="years", label="horizon in years", kind="count", required=False, default="3", example="3",
                  low=1, high=50, aliases=("horizon", "period"), unit="year", assumed="a {}-year horizon",
                  alternative="5"),
        FieldSpec(name="rate", label="discount rate", kind="percent", required=False, default="10%", example="10%",
                  low=0, high=100, aliases=("discount", "discount_rate"), assumed="a {} discount rate",
                  alternative="8%"),
    ),
    outputs=(
        OutputSpec(name="npv", label="NPV"),
        OutputSpec(name="undiscounted_net", label="Undiscounted net"),
        OutputSpec(name="payback_year", label="Pays back in"),
        OutputSpec(name="years", label="years", fact=False),
        OutputSpec(name="rate", label="discount rate", fact=False),
    ),
    example=EXAMPLE,
    input_model=NpvInput,
    compute=npv,
    present=present,
    sanity=sanity,
)
