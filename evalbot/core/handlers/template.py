"""Templates: ready-to-paste drafts, with calculator figures filled in and gaps shown as `[label]`."""

from evalbot.core.handlers.calculator import outcome_facts
from evalbot.core.handlers.common import bullets, choices, citation
from evalbot.calculators import get_calculator, still_needed
from evalbot.core.reply import Calculation, Reply, ReplyKind, Section
from evalbot.knowledge_base.loader import KnowledgeBase
from evalbot.knowledge_base.models import Template


def answer_template(
    template: Template, *, args: dict[str, str], text: str, knowledge: KnowledgeBase, confidence: float
) -> Reply:
    """Render `template` from `key=value` input (and, for calculator templates, figures in `text`).

    Raises:
        CommandError: an input that is unknown, unreadable, out of range or conflicting.
    """
    # Jinja2 loads on first use: most messages never need it, and `evalbot ask` start-up counts.
    from evalbot.drafting import render_draft
    from evalbot.drafting.values import example_command, field_pair

    draft = render_draft(template, args=args, text=text, origin=knowledge.origins.get(template.id))
    # First, so Slack's notification text names this draft (it shows the first section).
    if draft.placeholders:
        count = len(draft.placeholders)
        status = (f"Draft with {count} gap{'s' if count > 1 else ''} to fill in (shown in [brackets]): "
                  f"*{draft.headline}*")
    else:
        status = f"Draft ready: *{draft.headline}*"
    sections = [Section(text=status), Section(text=template.summary.strip())]
    if draft.placeholders:
        fields = {f.name: f for f in template.fields}
        gaps = [f"[{label}]: `{field_pair(fields[name])}`" if name in fields
                else f"[{label}]: worked out once the figures above are in" for name, label in draft.placeholders]
        sections.append(Section(heading="Still to fill in", text=bullets(gaps)))
        sections.append(Section(heading="Fill it in", text=f"`{example_command(template, given=draft.given)}`"))
    return Reply(
        intent=template.id,
        kind=ReplyKind.TEMPLATE,
        confidence=confidence,
        title=template.title,
        sections=sections,
        facts=outcome_facts(draft.outcome) if draft.outcome else [],
        draft=draft.text,
        citation=citation(template),
        related=choices(template.related, knowledge),
        calculation=_calculation(template, given=draft.given),
    )


def _calculation(template: Template, *, given: dict[str, str]) -> Calculation | None:
    """For a template its calculator fills: the input given, and the calculator input still needed."""
    calculator = get_calculator(template.calculator or "")
    if calculator is None:
        return None
    keys = calculator.keys()
    needed = still_needed(calculator, {keys[key] for key in given if key in keys})
    return Calculation(calculator=calculator.id, known=given, missing=needed, asking=needed[0] if needed else None)
