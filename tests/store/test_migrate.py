"""Alembic's migrations build exactly the tables `evalbot.store.schema` describes, on SQLite and PostgreSQL."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from evalbot.store.engine import build_engine
from evalbot.store.migrate import current_revision, head_revision, upgrade
from evalbot.store.schema import metadata


def _sqlite_url(tmp_path) -> str:
    return f"sqlite+pysqlite:///{tmp_path / 'state.sqlite3'}"


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path) -> str:
    """A fresh database of each engine evalbot supports."""
    if request.param == "sqlite":
        return _sqlite_url(tmp_path)
    return request.getfixturevalue("postgres_url")


def test_upgrade_creates_every_table_and_reports_revisions(url):
    """An empty database goes from no revision to the shipped head, with all tables."""
    engine = build_engine(url)
    assert current_revision(engine) is None
    before, after = upgrade(engine)
    assert (before, after) == (None, head_revision())
    assert current_revision(engine) == head_revision()
    assert {t.name for t in metadata.sorted_tables} <= set(inspect(engine).get_table_names())
    engine.dispose()


def test_upgrade_twice_changes_nothing(url):
    """A second upgrade is a no-op that reports the same revision on both sides."""
    engine = build_engine(url)
    upgrade(engine)
    assert upgrade(engine) == (head_revision(), head_revision())
    engine.dispose()


def test_migrations_match_the_schema(url):
    """Autogenerate finds no difference between the migrated database and `schema.metadata`."""
    engine = build_engine(url)
    upgrade(engine)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), metadata)
    engine.dispose()
    assert diff == []


def test_one_head():
    """The migrations form one line: two parallel heads would make `db upgrade` ambiguous."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from evalbot.store.migrate import MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert len(ScriptDirectory.from_config(config).get_heads()) == 1
