"""Ask a person: hand-offs to the experts channel, and the answers experts gave.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "handoffs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("offer_key", sa.String(64), nullable=False, unique=True),
        sa.Column("team_id", sa.String(32), nullable=True),
        sa.Column("asker", sa.String(32), nullable=True),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("reply_channel", sa.String(64), nullable=False),
        sa.Column("reply_thread_ts", sa.String(32), nullable=True),
        sa.Column("experts_channel", sa.String(64), nullable=False),
        sa.Column("experts_ts", sa.String(32), nullable=True),
        sa.Column("asked_at", sa.Float, nullable=False),
    )
    op.create_index("ix_handoffs_asked_at", "handoffs", ["asked_at"])
    op.create_index("ix_handoffs_thread", "handoffs", ["experts_channel", "experts_ts"])
    op.create_table(
        "expert_answers",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("handoff_id", sa.Integer, nullable=False),
        sa.Column("team_id", sa.String(32), nullable=True),
        sa.Column("expert", sa.String(32), nullable=False),
        sa.Column("answer", sa.Text, nullable=False),
        sa.Column("answered_at", sa.Float, nullable=False),
    )
    op.create_index("ix_expert_answers_handoff_id", "expert_answers", ["handoff_id"])
    op.create_index("ix_expert_answers_answered_at", "expert_answers", ["answered_at"])


def downgrade() -> None:
    op.drop_table("expert_answers")
    op.drop_table("handoffs")
