"""`evalbot` with what-if patches, to measure a change before making it (benchmarks only, never production).

    BENCH_PATCH=nokeep .venv/bin/python benchmarks/load_http.py \\
        --evalbot-argv ".venv/bin/python benchmarks/what_if.py serve --http"

`BENCH_PATCH` is a comma-separated list of:

- `constant`: the brain returns one prepared reply (the upper bound of making routing free);
- `nokeep`: no answers kept ready (`ReadyAnswers` of size 0): every message runs the brain and the
  renderer, as if no question were ever repeated;
- `inline`: `/evalbot` answers in its listener (the request thread) instead of on the answer pool,
  so a slow answer gets no "Working on it…" fallback;
- `plainpool`: Bolt's listener pool is a plain ThreadPoolExecutor (no context copy, no drain bookkeeping);
- `noclaims`: no duplicate-delivery claims in the state store (the outbox row is still written).

The patches reach into evalbot's internals as they are today; if one no longer applies it fails loudly.
"""

import concurrent.futures
import os
import sys


def patch_constant() -> None:
    from evalbot.core.brain import Brain

    original, prepared = Brain.answer, []

    def answer(self, text):
        if not prepared:
            prepared.append(original(self, "help"))
        return prepared[0]

    Brain.answer = answer


def patch_nokeep() -> None:
    import evalbot.slack.app as app_module
    from evalbot.slack.ready_answers import ReadyAnswers

    class KeepNothing(ReadyAnswers):
        def __init__(self, *, brain, size=0):
            super().__init__(brain=brain, size=0)

    app_module.ReadyAnswers = KeepNothing


def patch_inline() -> None:
    import evalbot.slack.listeners.commands as commands
    from evalbot.slack.deps import deps_of
    from evalbot.slack.listeners.commands import evalbot_command

    def answer_command(ack, command, context) -> None:
        text = command.get("text") if isinstance(command.get("text"), str) else ""
        ack(response_type="ephemeral", **deps_of(context).answers.private(text))

    evalbot_command.answer_command = commands.answer_command = answer_command


def patch_plainpool() -> None:
    import evalbot.slack.app as app_module

    class PlainPool(concurrent.futures.ThreadPoolExecutor):
        def run_next_inline(self, inline: bool = True) -> None:
            """Never inline: the plain pool this patch measures."""

    app_module.ContextThreadPoolExecutor = PlainPool


def patch_noclaims() -> None:
    from evalbot.slack.transport.outbox.claims import DeliveryClaims

    DeliveryClaims.claim = lambda self, connection, event_id: True


PATCHES = {"constant": patch_constant, "nokeep": patch_nokeep, "inline": patch_inline, "plainpool": patch_plainpool,
           "noclaims": patch_noclaims}


def main() -> int:
    for name in filter(None, os.environ.get("BENCH_PATCH", "").split(",")):
        if name not in PATCHES:
            print(f"what_if: unknown patch {name!r}; known: {', '.join(PATCHES)}", file=sys.stderr)
            return 2
        PATCHES[name]()
    from evalbot.cli import main as evalbot_main

    return evalbot_main()


if __name__ == "__main__":
    raise SystemExit(main())
