"""A migrated state store on SQLite and on a real PostgreSQL, for the outbox's tests."""

import pytest

from evalbot.store import open_store


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> str:
    """The URL of an empty database: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite+pysqlite:///{tmp_path / 'state.sqlite3'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture()
def store(store_url):
    opened = open_store(url=store_url)
    yield opened
    opened.close()


@pytest.fixture()
def other_store(store, store_url):
    """A second engine on the same database: another worker process or host."""
    opened = open_store(url=store_url, migrate=False)
    yield opened
    opened.close()
