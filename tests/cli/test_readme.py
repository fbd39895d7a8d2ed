"""The README as a newcomer reads it: short, the two commands early, its links alive, its reply real."""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_front_door_is_short_and_starts_with_the_two_commands():
    """At most 200 lines; `scripts/run` and `scripts/test` within the first 40."""
    lines = README.splitlines()
    assert len(lines) <= 200
    first = "\n".join(lines[:40])
    assert "scripts/run" in first and "scripts/test" in first


def test_every_relative_link_names_a_file_that_exists():
    """Links to docs/ and the rest of the repository resolve; docs/ has its pages."""
    targets = re.findall(r"\]\(((?!https?:)[^)#]+)(?:#[^)]*)?\)", README)
    assert targets and [t for t in targets if not (ROOT / t).exists()] == []
    assert len(list((ROOT / "docs").glob("*.md"))) >= 4
    assert (ROOT / "LICENSE").read_text().lstrip().startswith("Apache License")


def test_every_configuration_variable_evalbot_reads_is_in_the_table():
    """The configuration table names each setting (and the three this issue added)."""
    from evalbot.config import Settings

    rows = [line.split("|")[1] for line in README.splitlines() if line.startswith("| `")]
    listed = {name for row in rows for name in re.findall(r"`([A-Z][A-Z_]+)`", row)}
    assert {name.upper() for name in Settings.model_fields} <= listed
    assert {"EVALBOT_TOKEN_KEY", "EVALBOT_EXPERTS_CHANNEL", "EVALBOT_CHANNELS"} <= listed


def test_the_reply_shown_is_what_the_command_prints():
    """The README's `scripts/evalbot ask …` example, run as written, prints the lines it shows."""
    block = re.search(r"```console\n\$ (scripts/evalbot [^\n]+)\n(.*?)\n…\n```", README, re.DOTALL)
    assert block is not None
    command, shown = block.group(1), block.group(2)
    done = subprocess.run(["bash", "-c", command], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(shown)
