"""`evalbot topics [--json]`: every intent with its id, kind and title."""

import argparse
import json

from evalbot.cli.session import build_brain
from evalbot.config import Settings
from evalbot.core.handlers.catalogue import catalogue_rows


def run_topics(args: argparse.Namespace, settings: Settings) -> int:
    rows = catalogue_rows(build_brain(settings).knowledge)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    id_width = max(len(row["id"]) for row in rows)
    for row in rows:
        print(f"{row['id'].ljust(id_width)}  {row['kind']:<10}  {row['title']}")
    return 0
