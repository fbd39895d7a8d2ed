"""`evalbot topics [--json]`: every intent with its id, kind and title."""

import argparse
import json
import textwrap

from evalbot.cli.session import build_brain
from evalbot.config import Settings
from evalbot.core.handlers.catalogue import catalogue_rows
from evalbot.rendering.plain_text import terminal_width

MAX_WIDTH = 80
KIND_WIDTH = 10


def run_topics(args: argparse.Namespace, settings: Settings) -> int:
    rows = catalogue_rows(build_brain(settings).knowledge)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    id_width = max(len(row["id"]) for row in rows)
    indent = " " * (id_width + 2 + KIND_WIDTH + 2)
    for row in rows:
        line = f"{row['id'].ljust(id_width)}  {row['kind']:<{KIND_WIDTH}}  {row['title']}"
        # Long titles wrap under themselves, so the table fits 80 columns (or a narrower terminal).
        print("\n".join(textwrap.wrap(line, min(MAX_WIDTH, terminal_width()), subsequent_indent=indent,
                                       break_on_hyphens=False)))
    return 0
