"""`evalbot check` for templates: the body compiles, uses only declared names, and renders."""

from types import MappingProxyType

from jinja2 import TemplateSyntaxError, meta

from evalbot.calculators import get_calculator
from evalbot.drafting.environment import build_environment
from evalbot.drafting.render import placeholder_labels, render_draft
from evalbot.drafting.values import example_command
from evalbot.errors import CommandError, KnowledgeError
from evalbot.inputs.pairs import split_pairs
from evalbot.knowledge_base.models import Template

# Calculator field kinds a template field type may stand for.
_COMPATIBLE = MappingProxyType({"money": frozenset({"money"}), "count": frozenset({"count", "number"}),
                                 "percent": frozenset({"percent"}), "text": frozenset()})


def template_problems(template: Template) -> list[str]:
    """Every problem with one template, each naming the field at fault."""
    calculator = get_calculator(template.calculator) if template.calculator else None
    if template.calculator and calculator is None:
        return [f"field 'calculator': no calculator `{template.calculator}` exists"]
    problems: list[str] = []
    names = [f.name for f in template.fields]
    problems += [f"field 'fields': `{n}` is declared twice" for n in sorted({n for n in names if names.count(n) > 1})]
    for field in template.fields:
        spec = next((s for s in calculator.fields if s.name == field.name), None) if calculator else None
        if spec is not None and spec.kind not in _COMPATIBLE[field.type]:
            problems.append(f"field 'fields': `{field.name}` is type {field.type}, but calculator "
                            f"`{calculator.id}` reads it as {spec.kind}")
    try:
        used = meta.find_undeclared_variables(build_environment().parse(template.body))
    except TemplateSyntaxError as e:
        return [*problems, f"field 'body': Jinja2 syntax error on line {e.lineno}: {e.message}"]
    allowed = placeholder_labels(template)
    problems += [f"field 'body': uses `{{{{ {n} }}}}`, which is neither a declared field nor a calculator output"
                 for n in sorted(used - set(allowed))]
    # A calculator input may feed the body only through the figures computed from it.
    feeds = {f.name for f in calculator.fields} if calculator else set()
    problems += [f"field 'fields': `{n}` is declared but the body never uses it"
                 for n in names if n not in used and n not in feeds]
    if not problems:
        problems += _render_problems(template)
    return problems


def _render_problems(template: Template) -> list[str]:
    """Render with no input and with every example; both must work."""
    problems = []
    for label, args in (("no input", {}), ("the fields' examples", split_pairs(example_command(template)).pairs)):
        try:
            render_draft(template, args=args)
        except (CommandError, KnowledgeError) as e:
            problems.append(f"field 'body': rendering with {label} fails: {getattr(e, 'message', e)}")
    return problems
