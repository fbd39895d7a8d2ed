"""The `evalbot` command line: ask, chat, topics, check, eval, db, serve."""

import argparse
import os
import logging
import sys
from collections.abc import Sequence

from evalbot import __version__
from evalbot.errors import ConfigError, KnowledgeError

USAGE_ERROR = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one clear line, exit 2
        self.exit(USAGE_ERROR, f"evalbot: {message} (see 'evalbot --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="evalbot", description="An advisor for people who lead AI evaluation work.")
    parser.add_argument("--version", action="version", version=f"evalbot {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    ask = commands.add_parser("ask", help="answer one message (or each line of stdin)")
    ask.add_argument("--json", action="store_true", help="print JSON: intent, confidence, text, blocks")
    ask.add_argument("text", nargs="*", help="the message; omit it to read one message per line from stdin")

    commands.add_parser("chat", help="interactive console (answers each piped line, exits at EOF)")

    topics = commands.add_parser("topics", help="list every intent: id, kind, title")
    topics.add_argument("--json", action="store_true")

    commands.add_parser("check", help="validate the knowledge base and any overlay")

    evaluate = commands.add_parser("eval", help="routing self-evaluation on a labelled set")
    evaluate.add_argument("file", nargs="?", help="YAML or JSONL of {text, intent}; default: the dev set")

    db = commands.add_parser("db", help="manage the state store (SQLite or PostgreSQL)")
    db_commands = db.add_subparsers(dest="db_command", required=True, parser_class=_Parser)
    db_commands.add_parser("upgrade", help="apply the state store's migrations (serve also does at start)")

    serve = commands.add_parser("serve", help="run the Slack app (Socket Mode, or HTTP with --http)")
    serve.add_argument("--http", action="store_true", help="serve HTTP: POST /slack/events, GET /health")
    serve.add_argument("--port", type=int, help="HTTP port (default: $PORT, else 3000)")
    serve.add_argument("--workers", type=int, default=None, help="HTTP worker processes (default 2)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from evalbot.config import load_settings
    from evalbot.logs import configure_logging, secrets_of

    try:
        settings = load_settings()
        configure_logging(settings.log_level, secrets=secrets_of(settings))
        if args.command == "ask":
            from evalbot.cli.ask import run_ask

            return run_ask(args, settings)
        if args.command == "chat":
            from evalbot.cli.chat import run_chat

            return run_chat(settings)
        if args.command == "topics":
            from evalbot.cli.topics import run_topics

            return run_topics(args, settings)
        if args.command == "check":
            from evalbot.cli.check import run_check

            return run_check(settings)
        if args.command == "eval":
            from evalbot.cli.evaluate import run_eval

            return run_eval(args, settings)
        if args.command == "db":
            from evalbot.cli.db import run_db

            return run_db(args, settings)
        from evalbot.cli.serve import run_serve

        return run_serve(args, settings)
    except ConfigError as e:
        print(f"evalbot: {e}", file=sys.stderr)
        return USAGE_ERROR
    except KnowledgeError as e:
        print(f"evalbot: the knowledge base has {len(e.problems)} problem(s); first: {e.problems[0]} "
              "(run 'evalbot check' for all)", file=sys.stderr)
        return USAGE_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: stop quietly, as Unix tools do.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - stdout must stay open until exit
        return 0
    finally:
        logging.shutdown()
