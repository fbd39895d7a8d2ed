"""`evalbot serve [--http] [--port N]`: run the Slack app."""

import argparse

from evalbot.config import Settings


def run_serve(args: argparse.Namespace, settings: Settings) -> int:
    from evalbot.slack.transport.serve import serve

    return serve(settings, http=args.http, port=args.port, workers=args.workers)
