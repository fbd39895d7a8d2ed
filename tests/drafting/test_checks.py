"""`template_problems`: what `evalbot check` reports about a template."""

import pytest

from evalbot.drafting.checks import template_problems


def test_shipped_templates_have_no_problems(templates):
    """Every shipped template compiles, uses only declared names and renders."""
    assert {tid: template_problems(t) for tid, t in templates.items() if template_problems(t)} == {}


@pytest.mark.parametrize(
    ("body", "calculator", "fields", "complaint"),
    [
        ("{% if risk %}", None, None, "syntax error"),
        ("{{ risk }} {{ ghost }}", None, None, "`{{ ghost }}`"),
        ("no variables at all here", None, None, "never uses it"),
        ("{{ risk }}", "nope", None, "no calculator `nope`"),
        ("{{ risk }} {{ roi_multiple }} {{ cost }}", "roi",
         [{"name": "risk", "label": "the risk", "type": "text", "example": "x"},
          {"name": "cost", "label": "cost", "type": "text", "example": "2M"}], "reads it as money"),
        ("{{ risk }}", None, [{"name": "risk", "label": "rr", "type": "text", "example": "x"},
                              {"name": "risk", "label": "rr", "type": "text", "example": "x"}], "declared twice"),
        ("{{ n }}", None, [{"name": "n", "label": "count", "type": "count", "example": "lots"}], "fails"),
    ],
)
def test_problems_are_found(make_template, body, calculator, fields, complaint):
    """Syntax errors, unknown names, unused fields, bad calculators, type clashes, bad examples."""
    problems = template_problems(make_template(body, fields=fields, calculator=calculator))
    assert any(complaint in p for p in problems), problems


def test_calculator_outputs_may_be_used_undeclared(make_template):
    """A template may use its calculator's outputs without declaring them."""
    assert template_problems(make_template("{{ risk }} {{ roi_multiple }} {{ payback }}", calculator="roi")) == []
