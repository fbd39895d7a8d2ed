"""`INSERT ... ON CONFLICT` for the store's two engines: one statement, safe when two writers race."""

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite

_INSERTS = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}


def dialect_insert(dialect: str, table: Table):
    """The `INSERT` of `dialect` ("sqlite" or "postgresql"), which knows `on_conflict_do_*`."""
    return _INSERTS[dialect](table)


def upsert(dialect: str, table: Table, *, key: list[str], columns: list[str]):
    """Insert a row, or update `columns` of the row already holding its `key`; build once and reuse."""
    insert = dialect_insert(dialect, table)
    return insert.on_conflict_do_update(index_elements=key, set_={name: insert.excluded[name] for name in columns})
