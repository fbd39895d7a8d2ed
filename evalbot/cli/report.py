"""`evalbot report`: the knowledge-gap report (text, --json or --csv), and --draft-overlay DIR."""

import argparse
import re
import sys
from pathlib import Path

from evalbot.config import Settings
from evalbot.errors import ConfigError

SLACK_TEAM_ID = re.compile(r"^[TE][A-Z0-9]+$")  # T… a workspace, E… an Enterprise Grid org


def run_report(args: argparse.Namespace, settings: Settings) -> int:
    from evalbot.feedback.present import as_csv, as_json, as_text
    from evalbot.feedback.report import build_report

    for flag, value in (("--days", args.days), ("--top", args.top)):
        if value < 1:
            raise ConfigError(f"{flag} must be 1 or more, e.g. {flag} 7")
    teams = _teams(args.team)
    if args.html:
        _check_page_target(Path(args.html))  # before the store is opened: a typo costs nothing
    store = settings.open_store()
    try:
        report = build_report(store.engine, days=args.days, top=args.top, teams=teams)
    finally:
        store.close()
    if args.draft_overlay:
        return _write_drafts(report, Path(args.draft_overlay), settings)
    if args.html:
        return _write_page(report, Path(args.html))
    sys.stdout.write(as_json(report) if args.json else as_csv(report) if args.csv else as_text(report))
    return 0


def _teams(given: list[str] | None) -> list[str] | None:
    """The workspaces `--team` names (repeated or comma-separated); None when it was not given."""
    if given is None:
        return None
    teams = [team.strip() for value in given for team in value.split(",") if team.strip()]
    for team in teams or [""]:
        if not SLACK_TEAM_ID.match(team):
            raise ConfigError(f"--team must be a Slack workspace id such as T012AB3CD, not {team!r}")
    return sorted(set(teams))


def _check_page_target(path: Path) -> None:
    if path.is_dir():
        raise ConfigError(f"--html {path} is a folder; give a file name such as {path / 'gaps.html'}")
    if not path.parent.is_dir():
        raise ConfigError(f"--html {path}: no folder {path.parent}; create it or write elsewhere, e.g. --html gaps.html")


def _write_page(report, path: Path) -> int:
    from evalbot.feedback.page.render import as_html

    try:
        path.write_text(as_html(report), encoding="utf-8")
    except OSError as e:
        raise ConfigError(f"--html {path}: cannot write it ({e.strerror})") from None
    print(f"wrote {path}: {report.questions} questions, {len(report.unanswered)} unanswered groups, "
          f"{len(report.expert_answers)} experts' answers; open it in a browser (it works offline)")
    return 0


def _write_drafts(report, folder: Path, settings: Settings) -> int:
    from evalbot.feedback.drafts import DRAFTS, write_drafts
    from evalbot.handoff.drafts import write_answer_drafts
    from evalbot.knowledge_base.loader import load_knowledge

    if folder.exists() and not folder.is_dir():
        raise ConfigError(f"--draft-overlay {folder} is a file, not a folder")
    if not report.unanswered and not report.expert_answers:
        print(f"No unanswered questions or experts' answers in the last {report.days} days: nothing to draft.")
        return 0
    taken = set(load_knowledge(settings.evalbot_knowledge_dir).entries)
    for path in write_drafts(report.unanswered, folder, taken=taken, limit=DRAFTS):
        taken.add(path.stem)
        print(f"drafted {path}")
    for path in write_answer_drafts(report.expert_answers, folder, taken=taken):
        print(f"drafted {path} (from an expert's answer: review it)")
    print(f"Replace every 'FILL IN', then check: EVALBOT_KNOWLEDGE_DIR={folder} evalbot check")
    return 0
