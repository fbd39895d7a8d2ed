"""Shared fixtures: one Brain for the session (loading the knowledge base takes ~0.1 s)."""

import shutil
import sys
from pathlib import Path

import pytest

from evalbot.core.brain import Brain
from evalbot.knowledge_base.locate import shipped_knowledge_dir


@pytest.fixture(scope="session")
def brain() -> Brain:
    return Brain.load()


@pytest.fixture()
def knowledge_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped knowledge folder."""
    target = tmp_path / "knowledge"
    shutil.copytree(shipped_knowledge_dir(), target)
    return target


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """One real PostgreSQL server for the whole run (started on first use); its URL."""
    sys.path.insert(0, str(Path(__file__).parent))
    from postgres_server import running_postgres

    with running_postgres() as url:
        yield url


@pytest.fixture()
def postgres_url(postgres_server: str) -> str:
    """A fresh, empty database on the shared server, for one test."""
    import uuid

    from sqlalchemy import create_engine, text

    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return postgres_server.rsplit("/", 1)[0] + "/" + name
