"""The first state store: delivery claims, outbox, conversations, questions, votes, Slack installs.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "delivery_claims",
        sa.Column("event_id", sa.String(64), primary_key=True),
        sa.Column("expires_at", sa.Float, nullable=False, index=True),
    )
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(64), nullable=True, unique=True),
        sa.Column("team_id", sa.String(32), nullable=True),
        sa.Column("channel", sa.String(64), nullable=False),
        sa.Column("thread_ts", sa.String(32), nullable=True),
        sa.Column("method", sa.String(64), nullable=False, server_default="chat.postMessage"),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False, server_default="pending"),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("not_before", sa.Float, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("expires_at", sa.Float, nullable=False),
        sa.Column("sent_at", sa.Float, nullable=True),
        sa.Column("last_error", sa.Text, nullable=True),
    )
    op.create_index("ix_outbox_due", "outbox", ["status", "not_before"])
    op.create_table(
        "conversations",
        sa.Column("key", sa.String(255), primary_key=True),
        sa.Column("state", sa.Text, nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
        sa.Column("expires_at", sa.Float, nullable=False, index=True),
    )
    op.create_table(
        "questions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("asked_at", sa.Float, nullable=False, index=True),
        sa.Column("user_hash", sa.String(64), nullable=True, index=True),
        sa.Column("team_id", sa.String(32), nullable=True),
        sa.Column("intent", sa.String(64), nullable=False, index=True),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("unanswered", sa.Boolean, nullable=False, server_default="0", index=True),
        sa.Column("text", sa.Text, nullable=True),
        sa.Column("nearest", sa.Text, nullable=True),
        sa.Column("reply_ref", sa.String(64), nullable=True, index=True),
    )
    op.create_table(
        "votes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("voted_at", sa.Float, nullable=False, index=True),
        sa.Column("user_hash", sa.String(64), nullable=False, index=True),
        sa.Column("team_id", sa.String(32), nullable=True),
        sa.Column("reply_ref", sa.String(64), nullable=False),
        sa.Column("intent", sa.String(64), nullable=False, index=True),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("question", sa.Text, nullable=True),
        sa.Column("vote", sa.String(8), nullable=False),
        sa.Column("reason", sa.String(32), nullable=True),
        sa.Column("comment", sa.Text, nullable=True),
        sa.UniqueConstraint("reply_ref", "user_hash", name="uq_votes_reply_user"),
    )
    # slack_sdk's installation and OAuth-state tables, as its public builders define them.
    slack = sa.MetaData()
    SQLAlchemyInstallationStore.build_bots_table(slack, "slack_bots")
    SQLAlchemyInstallationStore.build_installations_table(slack, "slack_installations")
    SQLAlchemyOAuthStateStore.build_oauth_states_table(slack, "slack_oauth_states")
    slack.create_all(op.get_bind())


def downgrade() -> None:
    for name in ("slack_oauth_states", "slack_installations", "slack_bots"):
        op.drop_table(name)
    for name in ("votes", "questions", "conversations", "outbox", "delivery_claims"):
        op.drop_table(name)
