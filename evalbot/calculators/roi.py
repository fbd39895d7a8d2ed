"""Return on an eval program: annual benefit against annual cost, as the guide states it ("5x").

The benefit is given directly, or as incidents prevented a year times the cost of one
incident. Given both ways, the two must agree (within 1%), or it is a conflict.
"""

from pydantic import BaseModel, ConfigDict, Field, model_validator

from evalbot.calculators import format as fmt
from evalbot.calculators.base import Calculator, OutputSpec, Presentation
from evalbot.calculators.fields import MAX_MONEY, FieldSpec
from evalbot.errors import CommandError

EXAMPLE = "roi cost=2M incidents=10 incident_cost=1M"
# Beyond these a figure is possible but more likely a slip (a missing `M`, a monthly figure): it gets a note.
HIGH_MULTIPLE = 100
LOW_COST = 1_000
HIGH_MONEY = 1e9
MANY_INCIDENTS = 1_000


class RoiInput(BaseModel):
    model_config = ConfigDict(frozen=True)

    cost: float = Field(gt=0, le=MAX_MONEY, description="annual program cost")
    benefit: float | None = Field(default=None, gt=0, le=MAX_MONEY, description="annual benefit")
    incidents: float | None = Field(default=None, gt=0, le=1e6, description="incidents prevented a year")
    incident_cost: float | None = Field(default=None, gt=0, le=MAX_MONEY, description="cost of one incident")

    @model_validator(mode="after")
    def _benefit_is_known_once(self) -> "RoiInput":
        from_incidents = None
        if self.incidents is not None and self.incident_cost is not None:
            from_incidents = self.incidents * self.incident_cost
        if self.benefit is None and from_incidents is None:
            raise CommandError("`roi` needs `benefit`, or both `incidents` and `incident_cost`.",
                               field="benefit", example=EXAMPLE)
        if self.benefit is not None and from_incidents is not None:
            if abs(self.benefit - from_incidents) > 0.01 * max(self.benefit, from_incidents):
                raise CommandError(
                    f"`benefit` ({fmt.money(self.benefit)}) disagrees with `incidents` × `incident_cost` "
                    f"({fmt.money(from_incidents)}); give one or the other.", field="benefit", example=EXAMPLE)
        return self


class RoiResult(BaseModel):
    cost: float
    benefit: float
    multiple: float = Field(description="benefit / cost, the guide's '5x'")
    net_benefit: float
    net_roi: float = Field(description="net benefit / cost, as a fraction")
    payback_months: float | None = Field(description="months of benefit that cover a year's cost; None if never")
    incidents: float | None = None
    incident_cost: float | None = None


def roi(inputs: RoiInput) -> RoiResult:
    """Compute the benefit-to-cost multiple, net benefit, net ROI and payback."""
    benefit = inputs.benefit if inputs.benefit is not None else inputs.incidents * inputs.incident_cost
    incidents, incident_cost = inputs.incidents, inputs.incident_cost
    # One half of the incident pair plus the benefit implies the other half; show it.
    if incidents is not None and incident_cost is None:
        incident_cost = benefit / incidents
    elif incident_cost is not None and incidents is None:
        incidents = benefit / incident_cost
    net = benefit - inputs.cost
    return RoiResult(
        cost=inputs.cost, benefit=benefit, multiple=benefit / inputs.cost, net_benefit=net,
        net_roi=net / inputs.cost, payback_months=12 * inputs.cost / benefit if benefit >= inputs.cost else None,
        incidents=incidents, incident_cost=incident_cost,
    )


def sanity(inputs: RoiInput, result: RoiResult) -> list[str]:
    """Notes: a return above 100x, a program under $1K a year, any amount above $1B, over 1,000 incidents a year."""
    notes = []
    if result.multiple > HIGH_MULTIPLE:
        notes.append(f"A {fmt.multiple(result.multiple)} return is far above what eval programs show (the guide's "
                     "examples are 5-7x); check that `cost` and `benefit` are both yearly and in dollars.")
    if inputs.cost < LOW_COST:
        notes.append(f"A program costing {fmt.money(inputs.cost)} a year is tiny; did you mean "
                     f"`cost={fmt.number(inputs.cost)}K` or `cost={fmt.number(inputs.cost)}M`?")
    for name in ("cost", "benefit", "incident_cost"):
        amount = getattr(inputs, name)
        if amount is not None and amount > HIGH_MONEY:
            notes.append(f"`{name}` is {fmt.money(amount)}, above $1B; check the units.")
    if result.incidents is not None and result.incidents > MANY_INCIDENTS:
        notes.append(f"{fmt.number(result.incidents)} incidents prevented a year is more than {MANY_INCIDENTS:,}; "
                     "check `incidents` (a count of serious incidents a year, such as `10`).")
    return notes


def present(result: RoiResult) -> Presentation:
    payback = fmt.months(result.payback_months) if result.payback_months is not None else "not within a year"
    outputs = {
        "cost": fmt.money(result.cost), "benefit": fmt.money(result.benefit),
        "roi_multiple": fmt.multiple(result.multiple), "net_benefit": fmt.money(result.net_benefit),
        "net_roi": fmt.percent(result.net_roi, decimals=0), "payback": payback,
    }
    source = ""
    if result.incidents is not None and result.incident_cost is not None:
        source = f" ({fmt.number(result.incidents)} incidents a year at {fmt.money(result.incident_cost)} each)"
    if result.payback_months is None:
        verdict = (f"The benefit does not cover the cost: the program loses {fmt.money(-result.net_benefit)} "
                   "a year on these figures.")
    else:
        verdict = (f"That is {fmt.money(result.net_benefit)} a year net ({outputs['net_roi']} net ROI), "
                   f"and a year's cost is paid back in {payback}.")
    summary = (f"Spending {outputs['cost']} a year for an annual benefit of {outputs['benefit']}{source} is a "
               f"*{outputs['roi_multiple']}* return: each dollar of eval brings back "
               f"{fmt.money(result.multiple)}. {verdict}")
    return Presentation(outputs=outputs, summary=summary)


CALCULATOR = Calculator(
    id="roi",
    title="ROI of an eval program",
    fields=(
        FieldSpec(name="cost", label="annual program cost", kind="money", example="2M",
                  aliases=("spend", "budget", "program_cost"),
                  question="What does the program cost a year?"),
        FieldSpec(name="benefit", label="annual benefit", kind="money", required=False, example="10M",
                  aliases=("savings", "value", "saved")),
        FieldSpec(name="incidents", label="incidents prevented per year", kind="number", required=False,
                  example="10", low=0.01, high=1e6, aliases=("incidents_prevented", "issues"),
                  question="How many incidents does it prevent a year?"),
        FieldSpec(name="incident_cost", label="cost of one incident", kind="money", required=False,
                  example="1M", aliases=("cost_per_incident", "per_incident"),
                  question="What does one incident cost?"),
    ),
    either=(("benefit",), ("incidents", "incident_cost")),
    outputs=(
        OutputSpec(name="benefit", label="Annual benefit"),
        OutputSpec(name="roi_multiple", label="ROI (benefit-to-cost)"),
        OutputSpec(name="net_benefit", label="Net annual benefit"),
        OutputSpec(name="net_roi", label="Net ROI"),
        OutputSpec(name="payback", label="Payback"),
        OutputSpec(name="cost", label="Annual program cost", fact=False),
    ),
    example=EXAMPLE,
    input_model=RoiInput,
    compute=roi,
    present=present,
    sanity=sanity,
)
