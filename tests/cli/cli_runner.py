"""Running the command line as a user would: `python -m evalbot ...` in a subprocess, with a clean environment."""

import os
import subprocess
import sys
from pathlib import Path


def evalbot(*args: str, stdin: bytes | None = None, env: dict | None = None, cwd: Path | None = None):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "EVALBOT_", "COLUMNS"))}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "evalbot", *args],
        input=stdin, capture_output=True, env=environment, cwd=cwd, timeout=60,
    )
