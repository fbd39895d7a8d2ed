"""Property: any values into any shipped template give a draft or our own error, nothing else."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evalbot.drafting import render_draft
from evalbot.drafting.checks import template_problems  # noqa: F401  (imported to prove it loads)
from evalbot.errors import CommandError
from evalbot.knowledge_base.loader import load_knowledge

TEMPLATES = load_knowledge().templates


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(TEMPLATES), st.data())
def test_any_values_render_or_raise_command_error(template, data):
    """Values from hypothesis (including Jinja syntax and Slack markup) never crash rendering."""
    names = [f.name for f in template.fields] + ["unknown_key"]
    value = st.one_of(st.text(max_size=60), st.sampled_from(["{{ 7*7 }}", "<!channel>", "2M", "10", "92%", "{% raw %}"]))
    args = data.draw(st.dictionaries(st.sampled_from(names), value, max_size=4))
    try:
        draft = render_draft(template, args=args)
    except CommandError as e:
        assert e.message and e.example
        return
    assert draft.text.strip()
    for raw in args.values():
        if "{{" in raw and template.calculator is None:
            assert raw.strip() in draft.text  # literal, never evaluated
