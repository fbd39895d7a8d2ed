"""The `evalbot` command line: ask, chat, topics, check, eval, db, report, forget, serve."""

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
    evaluate.add_argument("file", nargs="?", help="YAML or JSONL of {text, intent} or {text, intents: [...]}; default: the dev set and the wild test half")

    db = commands.add_parser("db", help="manage the state store (SQLite or PostgreSQL)")
    db_commands = db.add_subparsers(dest="db_command", required=True, parser_class=_Parser)
    db_commands.add_parser("upgrade", help="apply the state store's migrations (serve also does at start)")

    report = commands.add_parser("report", help="what people asked that evalbot could not answer, and ratings")
    shape = report.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="one JSON object: unanswered, ratings, volume, ...")
    shape.add_argument("--csv", action="store_true", help="one CSV table with a `section` column")
    shape.add_argument("--html", metavar="FILE", help="write one self-contained page with charts (works offline)")
    shape.add_argument("--draft-overlay", metavar="DIR", help="write draft knowledge files for the top gaps")
    report.add_argument("--days", type=int, default=30, help="how many days back (default 30)")
    report.add_argument("--top", type=int, default=20, help="how many unanswered groups (default 20)")
    report.add_argument("--team", action="append", metavar="T…",
                        help="only this workspace's questions and votes (its team id, e.g. T012AB3CD); "
                             "repeat or separate with commas for several; default: every workspace")

    forget = commands.add_parser("forget", help="delete one person's logged questions and votes")
    forget.add_argument("--user", required=True, help="their Slack user id, e.g. U012AB3CD")

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
        if args.command == "report":
            from evalbot.cli.report import run_report

            return run_report(args, settings)
        if args.command == "forget":
            from evalbot.cli.forget import run_forget

            return run_forget(args, settings)
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
