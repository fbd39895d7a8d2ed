"""The cost of growing (or staffing, or shrinking) the eval team.

A target below the current headcount is allowed: the change is then a saving, stated as such.
"""

from pydantic import BaseModel, ConfigDict, Field

from evalbot.calculators import format as fmt
from evalbot.calculators.base import Calculator, OutputSpec, Presentation
from evalbot.calculators.fields import MAX_MONEY, FieldSpec

MAX_HEADS = 1_000_000
# Beyond these a figure is possible but more likely a slip (a missing `K`, an extra zero): it gets a note.
LARGE_TEAM = 10_000
LOW_COST_PER_HEAD = 20_000
HIGH_COST_PER_HEAD = 2_000_000
EXAMPLE = "team-cost current=8 target=15 cost_per_head=143K"


class TeamCostInput(BaseModel):
    model_config = ConfigDict(frozen=True)

    current: int = Field(ge=0, le=MAX_HEADS, description="current headcount")
    target: int = Field(ge=0, le=MAX_HEADS, description="target headcount")
    cost_per_head: float = Field(gt=0, le=MAX_MONEY, description="fully loaded annual cost per person")


class TeamCostResult(BaseModel):
    added_heads: int
    added_cost: float = Field(description="change in annual cost; negative for a smaller team")
    current_total: float
    new_total: float


def team_cost(inputs: TeamCostInput) -> TeamCostResult:
    """Added annual cost and the new annual total for the target headcount."""
    added = inputs.target - inputs.current
    return TeamCostResult(added_heads=added, added_cost=added * inputs.cost_per_head,
                          current_total=inputs.current * inputs.cost_per_head,
                          new_total=inputs.target * inputs.cost_per_head)


def sanity(inputs: TeamCostInput, result: TeamCostResult) -> list[str]:
    """Notes on implausible inputs: a team above 10,000 people, a cost per person outside $20K-$2M."""
    notes = [f"A team of {heads:,} is far beyond any eval team (above {LARGE_TEAM:,}); check `{name}`."
             for name, heads in (("current", inputs.current), ("target", inputs.target)) if heads > LARGE_TEAM]
    if inputs.cost_per_head < LOW_COST_PER_HEAD:
        notes.append(f"{fmt.money(inputs.cost_per_head)} a year per person is below any loaded salary "
                     f"({fmt.money(LOW_COST_PER_HEAD)}); did you mean `cost_per_head={fmt.number(inputs.cost_per_head)}K`?")
    elif inputs.cost_per_head > HIGH_COST_PER_HEAD:
        notes.append(f"{fmt.money(inputs.cost_per_head)} a year per person is above {fmt.money(HIGH_COST_PER_HEAD)}; "
                     "check `cost_per_head` (a fully loaded annual cost, such as `143K`).")
    return notes


def present(result: TeamCostResult) -> Presentation:
    outputs = {
        "added_cost": fmt.money(result.added_cost), "new_total": fmt.money(result.new_total),
        "current_total": fmt.money(result.current_total), "added_heads": f"{result.added_heads:+,}",
    }
    if result.added_heads > 0:
        change = (f"Adding {result.added_heads:,} people costs about *{outputs['added_cost']} more a year*")
    elif result.added_heads < 0:
        change = f"Going down by {-result.added_heads:,} people saves about *{fmt.money(-result.added_cost)} a year*"
    else:
        change = "The headcount does not change, so neither does the cost"
    summary = f"{change}, taking the team from {outputs['current_total']} to {outputs['new_total']} a year."
    if result.added_heads > 0:
        summary += (" Pair the figure with what the growth buys (for example, no evaluation bottlenecks as "
                    "the number of models grows) when you make the case.")
    return Presentation(outputs=outputs, summary=summary)


CALCULATOR = Calculator(
    id="team-cost",
    title="Cost of growing the eval team",
    fields=(
        FieldSpec(name="current", label="current headcount", kind="count", example="8", low=0, high=MAX_HEADS,
                  aliases=("from", "now", "headcount"),
                  question="How many people are on the team now?"),
        FieldSpec(name="target", label="target headcount", kind="count", example="15", low=0, high=MAX_HEADS,
                  aliases=("to", "goal"), question="How many people should the team have?"),
        FieldSpec(name="cost_per_head", label="fully loaded annual cost per person", kind="money", example="143K",
                  aliases=("per_head", "cost", "salary", "loaded_cost"),
                  question="What does one person cost a year, fully loaded?"),
    ),
    outputs=(
        OutputSpec(name="added_cost", label="Added annual cost"),
        OutputSpec(name="new_total", label="New annual total"),
        OutputSpec(name="current_total", label="Current annual total"),
        OutputSpec(name="added_heads", label="Headcount change"),
    ),
    example=EXAMPLE,
    input_model=TeamCostInput,
    compute=team_cost,
    present=present,
    sanity=sanity,
)
