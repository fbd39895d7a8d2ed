"""Opening the state store: a working store, or one line naming the setting (exit 2 in the CLI)."""

import subprocess
import sys

import pytest

from evalbot.errors import ConfigError
from evalbot.store import open_store
from evalbot.store.migrate import current_revision, head_revision


def test_default_is_sqlite_in_the_data_dir(tmp_path):
    """With no URL the store is a migrated SQLite file inside EVALBOT_DATA_DIR."""
    store = open_store(data_dir=tmp_path / "var")
    assert store.dialect == "sqlite" and store.setting == "EVALBOT_DATA_DIR"
    assert (tmp_path / "var" / "evalbot.sqlite3").is_file()
    assert current_revision(store.engine) == head_revision()
    assert store.ping()
    store.close()


def test_postgres_url(postgres_url):
    """EVALBOT_DATABASE_URL names a PostgreSQL database, which is migrated."""
    store = open_store(url=postgres_url)
    assert store.dialect == "postgresql" and store.ping()
    assert current_revision(store.engine) == head_revision()
    store.close()


@pytest.mark.parametrize(
    ("kwargs", "setting", "fragment"),
    [
        ({"url": "not a url"}, "EVALBOT_DATABASE_URL", "not a database URL"),
        ({"url": "postgresql+psycopg://u@127.0.0.1:1/x"}, "EVALBOT_DATABASE_URL", "refused"),
        ({"url": "mysql+nosuchdriver://u@h/x"}, "EVALBOT_DATABASE_URL", "cannot be used"),
    ],
)
def test_unusable_url_is_one_line_naming_the_setting(kwargs, setting, fragment):
    """A bad URL, an unreachable server or a missing driver: ConfigError naming the variable."""
    with pytest.raises(ConfigError) as caught:
        open_store(**kwargs)
    assert str(caught.value).startswith(setting) and fragment in str(caught.value)
    assert "\n" not in str(caught.value)


def test_data_dir_under_a_regular_file(tmp_path):
    """A data folder that cannot exist blames EVALBOT_DATA_DIR, not Slack."""
    (tmp_path / "file").write_text("")
    with pytest.raises(ConfigError, match=r"^EVALBOT_DATA_DIR: cannot create the folder .*Not a directory"):
        open_store(data_dir=tmp_path / "file" / "var")


def test_corrupt_sqlite_file(tmp_path):
    """A file that is not a database blames EVALBOT_DATA_DIR in one line."""
    (tmp_path / "evalbot.sqlite3").write_bytes(b"this is not a database" * 100)
    with pytest.raises(ConfigError, match=r"^EVALBOT_DATA_DIR: the state store cannot be used \(file is not a database"):
        open_store(data_dir=tmp_path)


def _evalbot(*args, env):
    return subprocess.run([sys.executable, "-m", "evalbot", *args], capture_output=True, text=True, env=env,
                          timeout=60)


def test_cli_db_upgrade(tmp_path):
    """`evalbot db upgrade` migrates and says where the store is; again, it changes nothing."""
    env = {"PATH": "/usr/bin:/bin", "EVALBOT_DATA_DIR": str(tmp_path), "LOG_LEVEL": "WARNING"}
    first = _evalbot("db", "upgrade", env=env)
    assert first.returncode == 0, first.stderr
    assert f"is at migration {head_revision()}" in first.stdout and "sqlite" in first.stdout
    second = _evalbot("db", "upgrade", env=env)
    assert second.returncode == 0 and second.stdout == first.stdout


def test_cli_db_upgrade_bad_store_exits_2_with_one_line(tmp_path):
    """An unusable store is exit 2 and one stderr line, no traceback."""
    env = {"PATH": "/usr/bin:/bin", "EVALBOT_DATABASE_URL": "postgresql+psycopg://u@127.0.0.1:1/x"}
    result = _evalbot("db", "upgrade", env=env)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "EVALBOT_DATABASE_URL" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_db_needs_a_subcommand():
    """`evalbot db` alone is a usage error."""
    result = _evalbot("db", env={"PATH": "/usr/bin:/bin"})
    assert result.returncode == 2 and "required: db_command" in result.stderr


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_failed_statement_never_quotes_its_parameters(request, tmp_path, backend):
    """An error from the store (here a duplicate key) names the statement, never the question text it carried."""
    from sqlalchemy import insert
    from sqlalchemy.exc import IntegrityError

    from evalbot.store.schema import conversations

    url = (f"sqlite+pysqlite:///{tmp_path / 's.sqlite3'}" if backend == "sqlite"
           else request.getfixturevalue("postgres_url"))
    store = open_store(url=url)
    row = {"key": "slack:T1:D1:top:U1", "state": "my secret salary question", "updated_at": 0.0, "expires_at": 1.0}
    with pytest.raises(IntegrityError) as raised:
        for _ in range(2):
            store.run(lambda connection: connection.execute(insert(conversations), row))
    store.close()
    assert "secret salary" not in str(raised.value) and "hidden" in str(raised.value)
