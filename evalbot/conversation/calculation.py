"""Follow-ups on a calculation: the input it asked for ("benefit is 10M"), or a what-if ("only 5 incidents?")."""

from evalbot.calculators import Calculator


def changed_inputs(calculator: Calculator, before: dict[str, str], change: dict[str, str]) -> dict[str, str]:
    """`before` with `change` applied.

    Giving one way of stating something (roi: `benefit`, or `incidents` × `incident_cost`)
    drops what was given the other way, so "what if it were 5 incidents?" after
    `benefit=10M` recomputes from incidents instead of contradicting the old benefit.
    """
    kept = dict(before)
    touched = [group for group in calculator.either if any(name in change for name in group)]
    for group in calculator.either:
        if touched and group not in touched:
            for name in group:
                if name not in change:
                    kept.pop(name, None)
    return {**kept, **change}
