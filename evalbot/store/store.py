"""`Store`: the engine plus the checks a server makes at start (`open_store`) and while running (`ping`)."""

import logging
from dataclasses import dataclass

from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from evalbot.errors import ConfigError
from evalbot.store.engine import build_engine, database_url, setting_name
from evalbot.store.migrate import upgrade

log = logging.getLogger(__name__)


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

    def close(self) -> None:
        self.engine.dispose()


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
        reason = str(getattr(e, "orig", None) or e).strip().splitlines()[0]
        raise ConfigError(f"{setting}: the state store cannot be used ({reason})") from e
    return Store(engine=engine, setting=setting)
