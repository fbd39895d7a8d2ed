"""A multi-year business case with discounting: level figures, or year-by-year cash flows.

Level figures: the upfront build cost falls at year 0; each year's net benefit (benefit minus
running cost) arrives at the end of years 1..N. Flows: any net amounts, year 0 first. Each is
discounted by (1 + rate)^year. Payback, plain and discounted, is when the running total turns
positive, counting the year it happens in as evenly spread.
"""

from pydantic import BaseModel, ConfigDict, Field, model_validator

from evalbot.calculators import cash_flows
from evalbot.calculators import format as fmt
from evalbot.calculators.base import Calculator, OutputSpec, Presentation
from evalbot.calculators.fields import MAX_MONEY, FieldSpec
from evalbot.errors import CommandError

EXAMPLE = "npv upfront=500K cost=100K benefit=5M years=3 rate=10%"
FLOWS_EXAMPLE = "npv flows=-150K,40K,60K,50K,30K,20K rate=8%"
# Beyond these a figure is possible but more likely a slip: it gets a note.
HIGH_RATE = 0.30
LONG_HORIZON = 20
LOW_AMOUNT = 1_000
HIGH_MONEY = 1e9


class NpvInput(BaseModel):
    model_config = ConfigDict(frozen=True)

    upfront: float = Field(default=0.0, ge=0, le=MAX_MONEY, description="one-off build cost at year 0")
    cost: float | None = Field(default=None, gt=0, le=MAX_MONEY, description="annual running cost")
    benefit: float | None = Field(default=None, gt=0, le=MAX_MONEY, description="annual benefit")
    years: int = Field(default=3, ge=1, le=50)
    rate: float = Field(default=0.10, ge=0, le=1, description="discount rate, as a fraction")
    flows: tuple[float, ...] | None = Field(default=None, min_length=2, max_length=51,
                                            description="net cash flows, year 0 first")

    @model_validator(mode="after")
    def _one_shape(self) -> "NpvInput":
        if self.flows is None and (self.cost is None or self.benefit is None):
            raise CommandError("`npv` needs `cost` and `benefit`, or year-by-year `flows`.", field="flows",
                               example=FLOWS_EXAMPLE)
        return self

    def cash_flows(self) -> list[float]:
        if self.flows is not None:
            return list(self.flows)
        return cash_flows.level_flows(upfront=self.upfront, net=self.benefit - self.cost, years=self.years)


class NpvYear(BaseModel):
    year: int
    cash_flow: float
    present_value: float
    cumulative: float


class NpvResult(BaseModel):
    npv: float
    undiscounted_net: float
    payback_year: int | None = Field(description="first year the discounted total turns positive; None if never")
    payback: float | None = Field(description="years until the plain running total turns positive")
    discounted_payback: float | None = Field(description="years until the discounted running total turns positive")
    break_even_benefit: float | None = Field(description="level figures: the annual benefit at which NPV is 0")
    inflow_cushion: float | None = Field(description="how far (a fraction) every inflow after year 0 can fall "
                                                     "before NPV reaches 0; None without inflows")
    years: int
    rate: float
    from_flows: bool
    table: list[NpvYear]


def npv(inputs: NpvInput) -> NpvResult:
    """Discount each year's net flow and add them up; payback, break-even and the table besides."""
    flows = inputs.cash_flows()
    present = cash_flows.present_values(flows, inputs.rate)
    table, total = [], 0.0
    for year, (flow, value) in enumerate(zip(flows, present)):
        total += value
        table.append(NpvYear(year=year, cash_flow=flow, present_value=value, cumulative=total))
    inflows = sum(value for value in present[1:] if value > 0)
    annuity = sum(1 / (1 + inputs.rate) ** year for year in range(1, inputs.years + 1))
    return NpvResult(
        npv=total, undiscounted_net=sum(flows),
        payback_year=next((row.year for row in table[1:] if row.cumulative >= 0), None),
        payback=cash_flows.payback_years(flows), discounted_payback=cash_flows.payback_years(present),
        break_even_benefit=None if inputs.flows else inputs.cost + inputs.upfront / annuity,
        inflow_cushion=total / inflows if inflows > 0 else None,
        years=len(flows) - 1, rate=inputs.rate, from_flows=inputs.flows is not None, table=table)


def sanity(inputs: NpvInput, result: NpvResult) -> list[str]:
    """Notes: a rate above 30%, a horizon over 20 years, a yearly amount under $1K, any above $1B, no outlay."""
    notes = []
    if inputs.rate > HIGH_RATE:
        notes.append(f"{fmt.with_article(fmt.percent(inputs.rate)).capitalize()} discount rate is far above the usual 8-15% (a company's cost "
                     "of capital); check `rate`.")
    if result.years > LONG_HORIZON:
        notes.append(f"{result.years} years is a long horizon for eval tooling (over {LONG_HORIZON}); the later "
                     "years' figures are guesses, so say so, or shorten `years`.")
    for name in ("cost", "benefit"):
        amount = getattr(inputs, name)
        if amount is not None and amount < LOW_AMOUNT:
            notes.append(f"`{name}` is {fmt.money(amount)} a year, under $1K; did you mean "
                         f"`{name}={fmt.number(amount)}K`?")
    amounts = [("upfront", inputs.upfront), ("cost", inputs.cost), ("benefit", inputs.benefit)]
    amounts += [("flows", abs(flow)) for flow in inputs.flows or ()]
    for name, amount in amounts:
        if amount is not None and amount > HIGH_MONEY:
            notes.append(f"`{name}` has {fmt.money(amount)}, above $1B; check the units.")
            break
    if inputs.flows and all(flow >= 0 for flow in inputs.flows):
        notes.append("Every flow is positive, so nothing is invested; if year 0 is a cost, write it negative "
                     f"(`flows=-{fmt.money(inputs.flows[0]).lstrip('$')},…`).")
    return notes


def _span(value: float | None, horizon: str) -> str:
    return fmt.years_months(value) if value is not None else f"not within {horizon}"


def present(result: NpvResult) -> Presentation:
    horizon = "1 year" if result.years == 1 else f"{fmt.number(result.years)} years"
    outputs = {
        "npv": fmt.money(result.npv), "undiscounted_net": fmt.money(result.undiscounted_net),
        "payback_year": f"year {result.payback_year}" if result.payback_year else f"not within {horizon}",
        "payback": _span(result.payback, horizon), "discounted_payback": _span(result.discounted_payback, horizon),
        "years": fmt.number(result.years), "rate": fmt.percent(result.rate),
        "break_even": _break_even(result),
    }
    verdict = "worth doing" if result.npv > 0 else "not worth doing on these figures"
    pays_back = (f"It pays back in {outputs['payback']} ({outputs['discounted_payback']} counting the discount)."
                 if result.discounted_payback is not None else
                 f"It pays back in {outputs['payback']} before discounting, but not within {horizon} once discounted."
                 if result.payback is not None else f"It does not pay back within {horizon}.")
    summary = (f"Over {horizon} at {fmt.with_article(outputs['rate'])} discount rate the "
               f"{'cash flows are' if result.from_flows else 'program is'} worth *{outputs['npv']}* in today's money "
               f"({outputs['undiscounted_net']} before discounting), so it is {verdict}. {pays_back}")
    if outputs["break_even"]:
        summary += f" Break-even: {outputs['break_even']}."
    rows = [f"• Year {row.year}: {_flow_name(row)} {fmt.money(row.cash_flow)}, "
            f"worth {fmt.money(row.present_value)} today, running total {fmt.money(row.cumulative)}"
            for row in result.table]
    return Presentation(outputs=outputs, summary=summary, details=(("Year by year", "\n".join(rows)),))


def _flow_name(row: NpvYear) -> str:
    return ("upfront" if row.cash_flow <= 0 else "net") if row.year == 0 else "net"


def _break_even(result: NpvResult) -> str:
    if result.break_even_benefit is not None:
        return f"a benefit of {fmt.money(result.break_even_benefit)} a year makes the NPV zero"
    if result.inflow_cushion is None:
        return ""
    if result.inflow_cushion >= 0:
        return f"the savings after year 0 can fall {fmt.percent(result.inflow_cushion, decimals=0)} before the NPV turns negative"
    return f"the savings after year 0 would have to rise {fmt.percent(-result.inflow_cushion, decimals=0)} to break even"


CALCULATOR = Calculator(
    id="npv",
    title="NPV of a multi-year eval business case",
    fields=(
        FieldSpec(name="upfront", label="one-off build cost", kind="money", required=False, default="0",
                  example="500K", allow_zero=True, aliases=("build", "build_cost", "initial", "capex"),
                  question="What does it cost to build, up front?", assumed="an upfront build cost of {}",
                  alternative="500K"),
        FieldSpec(name="cost", label="annual running cost", kind="money", required=False, example="100K",
                  aliases=("run_cost", "running_cost", "annual_cost", "opex"),
                  question="What does it cost a year to run?"),
        FieldSpec(name="benefit", label="annual benefit", kind="money", required=False, example="5M",
                  aliases=("savings", "value", "annual_benefit")),
        FieldSpec(name="years", label="horizon in years", kind="count", required=False, default="3", example="3",
                  low=1, high=50, aliases=("horizon", "period"), unit="year", assumed="a {}-year horizon",
                  alternative="5"),
        FieldSpec(name="rate", label="discount rate", kind="percent", required=False, default="10%", example="10%",
                  low=0, high=100, aliases=("discount", "discount_rate"), assumed="a {} discount rate",
                  alternative="8%"),
        FieldSpec(name="flows", label="year-by-year net cash flows, year 0 first", kind="flows", required=False,
                  example="-150K,40K,60K,50K", aliases=("cash_flows", "cashflows", "cf"),
                  question="What are the net cash flows, year by year from today?"),
    ),
    either=(("cost", "benefit"), ("flows",)),
    replaces=(("flows", ("upfront", "cost", "benefit", "years")),),
    outputs=(
        OutputSpec(name="npv", label="NPV"),
        OutputSpec(name="undiscounted_net", label="Undiscounted net"),
        OutputSpec(name="payback", label="Payback"),
        OutputSpec(name="discounted_payback", label="Discounted payback"),
        OutputSpec(name="payback_year", label="Pays back in", fact=False),
        OutputSpec(name="break_even", label="Break-even", fact=False),
        OutputSpec(name="years", label="years", fact=False),
        OutputSpec(name="rate", label="discount rate", fact=False),
    ),
    example=EXAMPLE,
    input_model=NpvInput,
    compute=npv,
    present=present,
    sanity=sanity,
)
