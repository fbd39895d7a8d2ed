"""Apply Alembic's migrations: `evalbot db upgrade`, and `serve` at start.

On PostgreSQL the upgrade runs under an advisory lock, so hosts starting together
migrate once; SQLite serialises writers by itself.
"""

import logging
import threading
from pathlib import Path

# Alembic narrates every plugin it loads and every context at INFO, some of it on import;
# one line of ours says what changed.
logging.getLogger("alembic").setLevel(logging.WARNING)

from alembic import command  # noqa: E402
from alembic.config import Config  # noqa: E402
from alembic.runtime.migration import MigrationContext  # noqa: E402
from alembic.script import ScriptDirectory  # noqa: E402
from sqlalchemy import Connection, Engine, text  # noqa: E402

MIGRATIONS = Path(__file__).parent / "migrations"
# Any fixed 64-bit number: the key of PostgreSQL's advisory lock for migrations.
ADVISORY_LOCK_KEY = 0x65_76_61_6C_62_6F_74  # "evalbot"

log = logging.getLogger(__name__)
# Alembic's migration context is one per process (a module-level proxy): two threads healing a
# deleted SQLite file at once would tread on each other's, so upgrades run one at a time.
_ONE_UPGRADE_AT_A_TIME = threading.Lock()


def _config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest migration shipped with this version."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None, "no migrations shipped"
    return head


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at, or None for an empty database."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Bring the database to the newest migration; (revision before, revision after)."""
    with _ONE_UPGRADE_AT_A_TIME, engine.connect() as connection:
        postgres = connection.dialect.name == "postgresql"
        if postgres:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
            connection.commit()
        try:
            before = MigrationContext.configure(connection).get_current_revision()
            command.upgrade(_config(connection), "head")
            connection.commit()
        finally:
            if postgres:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_LOCK_KEY})
                connection.commit()
    after = head_revision()
    if before != after:
        log.info("state store migrated from %s to %s", before or "empty", after)
    return before, after
