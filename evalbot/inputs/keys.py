"""Checking the keys of `key=value` input against the ones a tool accepts."""

import difflib
from collections.abc import Collection

from evalbot.errors import CommandError
from evalbot.inputs.numbers import echo


def check_keys(given: Collection[str], valid: Collection[str], *, tool: str, example: str | None) -> None:
    """Reject any key `tool` does not accept, suggesting the closest valid one.

    Raises:
        CommandError: for the first unknown key, listing every valid key.
    """
    for key in given:
        if key in valid:
            continue
        close = difflib.get_close_matches(key, list(valid), n=1, cutoff=0.6)
        hint = f" Did you mean `{close[0]}`?" if close else ""
        listed = ", ".join(f"`{name}`" for name in valid)
        raise CommandError(f"`{echo(key)}` isn't an input of {tool}.{hint} Valid inputs: {listed}.",
                           field=key, example=example)
