"""Submitting a calculator form: field errors back in the modal, or the result in the user's DM."""

import json

from evalbot.core.reply import Reply
from evalbot.rendering.modal import FormSpec, form_errors, submitted_values
from evalbot.slack.answering import answer_intent, rated_click
from evalbot.slack.deps import Deps, deps_of
from evalbot.slack.forms import ROI, field_problems, form_spec, missing_problems
from evalbot.slack.placement import deliver_to_user


def _calculator(view: dict) -> str:
    try:
        metadata = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        return ROI
    return str(metadata.get("calculator") or ROI) if isinstance(metadata, dict) else ROI


def check(deps: Deps, spec: FormSpec, values: dict[str, str]) -> tuple[Reply | None, dict[str, str]]:
    """Check every field on its own, then run the calculator: (the result, {}) or (None, field -> problem)."""
    problems = field_problems(spec.calculator, values) or missing_problems(spec.calculator, values)
    if problems:
        return None, problems
    reply = answer_intent(deps, spec.calculator, args=values)
    if reply.problem is None and reply.form is None:
        return reply, {}
    names = [f.name for f in spec.fields]
    problem = reply.problem
    field = problem.field if problem is not None and problem.field in names else names[0]
    return None, {field: problem.message if problem is not None else "Some inputs are missing."}


def submit_form(ack, body, view, context, client) -> None:
    deps = deps_of(context)
    spec = form_spec(deps.brain.knowledge, _calculator(view))
    if spec is None:
        ack()
        return
    reply, problems = check(deps, spec, submitted_values(view))
    if problems:
        ack(**form_errors(problems))
        return
    ack()
    deliver_to_user(client, body, reply, finish=rated_click(deps, reply, body, question=reply.title))
