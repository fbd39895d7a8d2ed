"""The container recipe: the Dockerfile's sources exist, compose.yaml fits the settings, and the entry point serves.

No image is built here (no container registry is reachable from CI); the entry point script
runs as the container would run it, with `evalbot` on PATH and the compose file's settings.
"""

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from slack_fakes import event_callback, mention
from test_serve_e2e import Server, clean_env

from evalbot.config import Settings

ROOT = Path(__file__).resolve().parents[2]
ENTRYPOINT = ROOT / "scripts" / "docker-entrypoint"
VENV_BIN = str(Path(sys.executable).parent)


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(instruction, arguments) per line of the Dockerfile, continuation lines joined."""
    text = re.sub(r"\\\n\s*", " ", (ROOT / "Dockerfile").read_text())
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return [tuple(line.split(None, 1)) for line in lines]


def container_env(tmp: Path, **extra: str) -> dict[str, str]:
    """The environment the entry point sees: the image's PATH has `evalbot` on it."""
    return clean_env(tmp, PATH=f"{VENV_BIN}:{os.environ['PATH']}", **extra)


def test_every_file_the_dockerfile_copies_exists():
    """A COPY of a missing path would break the build nobody runs in CI."""
    copies = [args.split()[:-1] for op, args in dockerfile_instructions() if op == "COPY"]
    sources = [source for sources in copies for source in sources]
    assert "scripts/docker-entrypoint" in sources
    assert [source for source in sources if not (ROOT / source).exists()] == []


def test_the_dockerfile_copies_what_the_wheel_needs():
    """Everything pyproject.toml builds into the wheel (the package, README, force-included data) is copied."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    copied = [Path(source) for op, args in dockerfile_instructions() if op == "COPY" for source in args.split()[:-1]]
    needed = [Path(p) for p in project["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]]
    needed += [Path(project["project"]["readme"]), Path("evalbot"), Path("pyproject.toml")]
    missing = [p for p in needed if not any(p == c or c in p.parents for c in copied)]
    assert missing == []


def test_dockerfile_runs_the_entrypoint_serving_http():
    """The image's default command is the entry point with `serve --http`, as a non-root user."""
    instructions = dict(dockerfile_instructions())
    assert json.loads(instructions["ENTRYPOINT"]) == ["docker-entrypoint"]
    assert json.loads(instructions["CMD"]) == ["serve", "--http"]
    assert instructions["USER"] != "root"
    assert instructions["FROM"].startswith("python:3.11")


def test_compose_pairs_evalbot_with_postgresql_15_by_known_settings():
    """compose.yaml runs PostgreSQL 15 and sets only variables evalbot reads."""
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    services = compose["services"]
    assert services["db"]["image"] == "postgres:15"
    evalbot = services["evalbot"]
    assert evalbot["depends_on"]["db"]["condition"] == "service_healthy"
    known = {name.upper() for name in Settings.model_fields}
    assert set(evalbot["environment"]) <= known
    assert evalbot["environment"]["EVALBOT_DATABASE_URL"].startswith("postgresql+psycopg://")


def test_entrypoint_with_no_arguments_serves_slack_on_postgresql(tmp_path, fake_slack_server, postgres_url):
    """As in compose: migrate, then serve on $PORT; /health and /ready answer and a mention is acked."""
    server = Server(tmp_path, fake_slack_server.url, name="entrypoint", argv=[str(ENTRYPOINT)],
                    PATH=f"{VENV_BIN}:{os.environ['PATH']}", EVALBOT_DATABASE_URL=postgres_url)
    try:
        assert server.get("/health")[0] == 200
        assert server.get("/ready")[0] == 200
        channel = "C0DOCKER1"
        body = event_callback(mention("roi cost=2M benefit=10M", channel=channel), event_id="EvDocker1")
        assert server.post(body)[0] == 200
        deadline = time.monotonic() + 15
        while not [p for p in fake_slack_server.posted() if p.get("channel") == channel]:
            assert time.monotonic() < deadline, server.logs()
            time.sleep(0.05)
    finally:
        assert server.stop() == 0


@pytest.mark.parametrize("argv, expected", [
    (["--version"], "evalbot "),
    (["topics", "--json"], '"id": "roi"'),
])
def test_entrypoint_passes_other_commands_to_evalbot(tmp_path, argv, expected):
    """`docker compose run evalbot ARGS…` runs `evalbot ARGS…`."""
    done = subprocess.run([str(ENTRYPOINT), *argv], env=container_env(tmp_path), cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert expected in done.stdout


def test_entrypoint_stops_with_one_line_on_an_unreachable_database(tmp_path):
    """A bad EVALBOT_DATABASE_URL stops the container at the migration, exit 2, naming the setting."""
    env = container_env(tmp_path, EVALBOT_DATABASE_URL="postgresql+psycopg://evalbot:x@127.0.0.1:1/evalbot",
                        SLACK_BOT_TOKEN="xoxb-1", SLACK_SIGNING_SECRET="s")
    done = subprocess.run([str(ENTRYPOINT)], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "EVALBOT_DATABASE_URL" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
