"""`Store`: the engine plus the checks a server makes at start (`open_store`) and while running (`ping`)."""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError, DisconnectionError, InterfaceError, OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from evalbot.errors import ConfigError, StoreUnavailable
from evalbot.store.engine import build_engine, database_url, setting_name
from evalbot.store.migrate import upgrade

log = logging.getLogger(__name__)
T = TypeVar("T")
# The database cannot be used right now (full disk, server down, file gone): not a bug in the statement.
_UNAVAILABLE = (OperationalError, InterfaceError, DisconnectionError, PoolTimeout)


@dataclass(frozen=True, kw_only=True)
class Store:
    """An open state store.

    Attributes:
        engine: the SQLAlchemy engine every repository shares.
        setting: the configuration variable that chose this database (for error lines).
    """

    engine: Engine
    setting: str

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def ping(self) -> bool:
        """True when the database answers a trivial query (`GET /ready`)."""
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            return True
        except SQLAlchemyError:
            log.warning("state store unreachable", exc_info=True)
            return False

    def run(self, work: Callable[[Connection], T]) -> T:
        """`work(connection)` in one transaction, committed; tried once more after a fault the store can heal.

        Healed: a SQLite file deleted while running (its tables are created again, as at
        start) and a dropped database connection (the pool reconnects).

        Raises:
            StoreUnavailable: the store could not be used (disk full, database down, ...).
        """
        try:
            with self.engine.begin() as connection:
                return work(connection)
        except _UNAVAILABLE as e:
            if not self._heal(e):
                raise StoreUnavailable(_reason(e)) from e
        try:
            with self.engine.begin() as connection:
                return work(connection)
        except _UNAVAILABLE as e:
            raise StoreUnavailable(_reason(e)) from e

    def _heal(self, error: SQLAlchemyError) -> bool:
        """Repair what `error` shows, if it can be repaired; whether to try again."""
        if isinstance(error, DBAPIError) and error.connection_invalidated:
            log.warning("state store connection lost; reconnecting")
            return True
        if isinstance(error, OperationalError) and "no such table" in str(error.orig):
            # Loud: what the store remembered is gone (claims, the outbox, conversations, feedback).
            log.error("state store tables missing (file deleted?); creating them again: every process writes "
                      "back the deliveries it answered in the last hour, so Slack's retries of those are not "
                      "answered twice; the feedback log, conversations and unsent answers kept there are lost")
            try:
                upgrade(self.engine)
            except SQLAlchemyError:
                return False
            return True
        return False

    def close(self) -> None:
        self.engine.dispose()


def _reason(error: SQLAlchemyError) -> str:
    """The database's own one-line reason, without SQLAlchemy's statement dump."""
    return str(getattr(error, "orig", None) or error).strip().splitlines()[0]


def open_store(*, url: str | None = None, data_dir=None, migrate: bool = True) -> Store:
    """Open (and by default migrate) the store named by the settings.

    Args:
        url: EVALBOT_DATABASE_URL, or None for SQLite in `data_dir`.
        data_dir: EVALBOT_DATA_DIR.
        migrate: apply Alembic's migrations first (`serve` and `evalbot db upgrade` do).

    Raises:
        ConfigError: one line naming the setting when the database cannot be opened or migrated.
    """
    resolved = database_url(database_url=url, data_dir=data_dir or "var")
    setting = setting_name(resolved) if url is None else "EVALBOT_DATABASE_URL"
    engine = build_engine(resolved, setting=setting)
    try:
        if migrate:
            upgrade(engine)
        else:
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
    except SQLAlchemyError as e:
        engine.dispose()
        raise ConfigError(f"{setting}: the state store cannot be used ({_reason(e)})") from e
    return Store(engine=engine, setting=setting)
