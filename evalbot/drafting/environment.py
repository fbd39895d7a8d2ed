"""The one Jinja2 environment every template renders in, built once and cached."""

from functools import lru_cache

from jinja2 import StrictUndefined, Template
from jinja2.sandbox import ImmutableSandboxedEnvironment


class Placeholder(str):
    """A visible stand-in for a missing value, such as `[annual program cost]`."""

    @classmethod
    def of(cls, label: str) -> "Placeholder":
        return cls(f"[{label}]")


def _filled(value: object) -> bool:
    """Jinja test: `{% if benefit is filled %}` is true when the user (or a calculator) gave it."""
    return not isinstance(value, Placeholder)


@lru_cache(maxsize=1)
def build_environment() -> ImmutableSandboxedEnvironment:
    """The shared environment.

    StrictUndefined turns a misspelt variable into an error instead of an empty gap;
    the sandbox keeps an organisation's overlay template from reaching Python internals;
    autoescape is off because the output is Slack mrkdwn, escaped later by the renderer.
    """
    env = ImmutableSandboxedEnvironment(
        undefined=StrictUndefined, autoescape=False, trim_blocks=True, lstrip_blocks=True,
    )
    env.tests["filled"] = _filled
    return env


@lru_cache(maxsize=128)
def compile_body(body: str) -> Template:
    """Compile a template body once (templates are data, so the source string is the key).

    Raises:
        jinja2.TemplateSyntaxError: the body is not valid Jinja2.
    """
    return build_environment().from_string(body)
