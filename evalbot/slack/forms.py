"""Calculator forms, built from the calculators registry: the modal's inputs and their checks."""

from evalbot.calculators import Calculator, get_calculator
from evalbot.calculators.base import unmet
from evalbot.calculators.fields import FieldSpec, parse_field
from evalbot.errors import CommandError
from evalbot.knowledge_base.loader import KnowledgeBase
from evalbot.rendering.modal import FormField, FormSpec

ROI = "roi"
MONEY_HINT = "Money accepts `2M`, `$1.5M`, `750k` or `1,200,000`."


def _hint(spec: FieldSpec, calc: Calculator) -> str:
    hints = []
    for group in calc.either:
        if spec.name in group:
            others = [" and ".join(calc.spec(name).label for name in g) for g in calc.either if g is not group]
            hints.append(f"Or leave blank and give {' or '.join(others)} instead." if others else "")
    if spec.default is not None:
        hints.append(f"Default: {spec.default}.")
    return " ".join(h for h in hints if h)


def form_spec(knowledge: KnowledgeBase, calculator: str) -> FormSpec | None:
    """The modal for `calculator`, or None when there is no such calculator."""
    calc = get_calculator(calculator)
    if calc is None:
        return None
    card = knowledge.get(calculator)
    fields = tuple(
        FormField(
            name=f.name,
            label=f.label[:1].upper() + f.label[1:],
            example=f.example,
            hint=_hint(f, calc),
            optional=not f.required,
        )
        for f in calc.fields
    )
    intro = card.summary if card is not None and card.summary else calc.title
    if any(f.kind == "money" for f in calc.fields):
        intro = f"{intro}\n{MONEY_HINT}"
    title = (card.title if card is not None else calc.title).split(":")[0]
    return FormSpec(calculator=calculator, title=title, intro=intro, fields=fields)


def field_problems(calculator: str, values: dict[str, str]) -> dict[str, str]:
    """Each typed value that its field cannot read: field name -> what is wrong."""
    calc = get_calculator(calculator)
    problems: dict[str, str] = {}
    for spec in calc.fields if calc else ():
        raw = values.get(spec.name)
        if raw:
            try:
                parse_field(spec, raw, example=spec.example)
            except CommandError as e:
                problems[spec.name] = e.message
    return problems


def missing_problems(calculator: str, given: dict[str, str]) -> dict[str, str]:
    """Required fields left blank, and an unanswered either/or, as field name -> what to give."""
    calc = get_calculator(calculator)
    if calc is None:
        return {}
    required, groups = unmet(calc, given)
    problems = {name: "Required." for name in required}
    if groups:
        first_missing = next(name for name in groups[0] if name not in given)
        options = ", or ".join(" and ".join(calc.spec(name).label for name in g) for g in groups)
        problems[first_missing] = f"Give {options}."
    return problems
