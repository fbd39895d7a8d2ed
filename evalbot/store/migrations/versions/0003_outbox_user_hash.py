"""Whose question each kept answer answers (the salted user hash), so `evalbot forget` finds their unsent answers.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("user_hash", sa.String(64), nullable=True))
        batch.create_index("ix_outbox_user_hash", ["user_hash"])


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_index("ix_outbox_user_hash")
        batch.drop_column("user_hash")
