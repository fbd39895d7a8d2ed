"""Which database holds the state, and one engine for it (SQLite embedded, PostgreSQL for several hosts)."""

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DisconnectionError

from evalbot.errors import ConfigError

SQLITE_FILE = "evalbot.sqlite3"
# Seconds a writer waits for another (SQLite's file lock, a PostgreSQL pool slot).
BUSY_TIMEOUT = 5


def database_url(*, database_url: str | None, data_dir: Path) -> str:
    """EVALBOT_DATABASE_URL if set, else a SQLite file in EVALBOT_DATA_DIR."""
    if database_url:
        return database_url
    return f"sqlite+pysqlite:///{Path(data_dir).resolve() / SQLITE_FILE}"


def setting_name(url: str) -> str:
    """The setting a user changes to fix a store at `url` (named in every start-up error)."""
    return "EVALBOT_DATABASE_URL" if not url.startswith("sqlite") or SQLITE_FILE not in url else "EVALBOT_DATA_DIR"


def build_engine(url: str, *, setting: str = "EVALBOT_DATABASE_URL") -> Engine:
    """An engine for `url`; forked workers start with no connections of the parent's.

    Its errors never quote a statement's parameters (`hide_parameters`): those are people's
    questions and conversations, and an error's text ends up in the logs.

    Raises:
        ConfigError: the URL is malformed or names a driver that is not installed.
    """
    try:
        parsed = make_url(url)
    except ArgumentError as e:
        raise ConfigError(f"{setting} is not a database URL: {e}") from e
    try:
        if parsed.get_backend_name() == "sqlite":
            engine = _sqlite_engine(url, setting=setting)
        else:
            engine = create_engine(url, pool_pre_ping=True, pool_timeout=BUSY_TIMEOUT, hide_parameters=True,
                                   connect_args={"connect_timeout": BUSY_TIMEOUT})
    except (ArgumentError, ImportError) as e:
        raise ConfigError(f"{setting} cannot be used ({url.split('://')[0]}://…): {e}") from e
    # A connection must never cross a fork: the child drops (without closing) the parent's pool.
    os.register_at_fork(after_in_child=lambda: engine.dispose(close=False))
    return engine


def _sqlite_engine(url: str, *, setting: str) -> Engine:
    database = make_url(url).database
    if database and database != ":memory:":
        folder = Path(database).parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise ConfigError(f"{setting}: cannot create the folder {folder} ({e.strerror or e})") from e
    engine = create_engine(url, hide_parameters=True,
                           connect_args={"timeout": BUSY_TIMEOUT, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, record) -> None:
        cursor = dbapi_connection.cursor()
        # WAL lets readers and one writer work at once across worker processes.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
        record.info["file_id"] = _file_id(database)

    @event.listens_for(engine, "checkout")
    def _same_file(_dbapi_connection, record, _proxy) -> None:
        # A file deleted (or replaced) while running: a connection opened before still
        # writes to the old one, unseen by workers started since. Reconnect to the new file.
        if record.info.get("file_id") != _file_id(database):
            raise DisconnectionError("the SQLite file was deleted or replaced")

    return engine


def file_identity(engine: Engine) -> tuple[int, int] | None:
    """(device, inode) of an engine's SQLite file: it changes when the file is deleted and made again.
    None for PostgreSQL, an in-memory database, or a file that does not exist right now."""
    if engine.dialect.name != "sqlite":
        return None
    return _file_id(engine.url.database)


def _file_id(database: str | None) -> tuple[int, int] | None:
    """(device, inode) of the SQLite file, or None when there is none (or it is in memory)."""
    if not database or database == ":memory:":
        return None
    try:
        found = os.stat(database)
    except FileNotFoundError:
        return None
    return found.st_dev, found.st_ino
