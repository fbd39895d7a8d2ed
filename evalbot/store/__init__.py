"""The state store: one SQLAlchemy engine over SQLite (embedded) or PostgreSQL (several hosts).

It holds duplicate-delivery claims, the outbox, conversation state, feedback and the
unanswered log, and Slack installations (tables in `schema`, migrations by Alembic).
Nothing in the core imports this package: the core sees small interfaces
(e.g. `evalbot.store.conversations.ConversationStore`) that it implements.
"""

from evalbot.store.store import Store, open_store

__all__ = ["Store", "open_store"]
