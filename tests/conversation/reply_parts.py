"""Reading a reply's parts in assertions."""


def facts(reply) -> dict[str, str]:
    return {f.label: f.value for f in reply.facts}


def section(reply, heading: str) -> str:
    return next(s.text for s in reply.sections if s.heading == heading)
