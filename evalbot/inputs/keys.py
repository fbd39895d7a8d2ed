"""Checking the keys of `key=value` input against the ones a tool accepts."""

import difflib
from collections.abc import Collection, Sequence

from evalbot.errors import CommandError
from evalbot.inputs.numbers import echo


def check_keys(given: Collection[str], accepted: Collection[str], *, listed: Sequence[str], tool: str,
               example: str | None) -> None:
    """Reject any key `tool` does not accept, suggesting the closest accepted one.

    Args:
        accepted: every key that is allowed, aliases included.
        listed: the keys to name in the error (the main names, without aliases).

    Raises:
        CommandError: for the first unknown key, listing the valid keys.
    """
    for key in given:
        if key in accepted:
            continue
        close = difflib.get_close_matches(key, list(accepted), n=1, cutoff=0.6)
        hint = f" Did you mean `{close[0]}`?" if close else ""
        names = ", ".join(f"`{name}`" for name in listed)
        raise CommandError(f"`{echo(key)}` isn't an input of {tool}.{hint} Valid inputs: {names}.",
                           field=key, example=example)
