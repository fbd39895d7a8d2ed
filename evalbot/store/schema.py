"""The state store's tables: one SQLAlchemy `MetaData`, the single description of what is stored.

Times are UNIX seconds (`Float`): every host and both engines agree on them, and
expiry is one comparison. Alembic's migrations (`migrations/versions/`) create these
tables; a test checks the two never drift apart.
"""

from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Boolean, Column, Float, Index, Integer, MetaData, String, Table, Text, UniqueConstraint

metadata = MetaData()

# Events API deliveries already handled, so a retry (on any worker or host) is answered once.
delivery_claims = Table(
    "delivery_claims",
    metadata,
    Column("event_id", String(64), primary_key=True),
    Column("expires_at", Float, nullable=False, index=True),
)

# Answers computed before the ack and sent after it: the outbox.
outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(64), nullable=True, unique=True),
    Column("team_id", String(32), nullable=True),
    Column("channel", String(64), nullable=False),
    Column("thread_ts", String(32), nullable=True),
    Column("method", String(64), nullable=False, server_default="chat.postMessage"),
    Column("payload", Text, nullable=False),  # JSON: the Web API call's arguments
    Column("status", String(16), nullable=False, server_default="pending"),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("not_before", Float, nullable=False),
    Column("created_at", Float, nullable=False),
    Column("expires_at", Float, nullable=False),
    Column("sent_at", Float, nullable=True),
    Column("last_error", Text, nullable=True),
    Column("user_hash", String(64), nullable=True, index=True),  # whose question it answers (`evalbot forget`)
    Column("leased_by", String(128), nullable=True),  # the sender (host:pid) that took it to send
    Index("ix_outbox_due", "status", "not_before"),
)

# What a conversation (a DM, a thread, a console session) has said so far.
conversations = Table(
    "conversations",
    metadata,
    Column("key", String(255), primary_key=True),
    Column("state", Text, nullable=False),  # JSON
    Column("updated_at", Float, nullable=False),
    Column("expires_at", Float, nullable=False, index=True),
)

# Every question answered over Slack: its intent and confidence; the text only where it was not answered.
questions = Table(
    "questions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("asked_at", Float, nullable=False, index=True),
    Column("user_hash", String(64), nullable=True, index=True),
    Column("team_id", String(32), nullable=True),
    Column("intent", String(64), nullable=False, index=True),
    Column("confidence", Float, nullable=False),
    Column("unanswered", Boolean, nullable=False, server_default="0", index=True),
    Column("text", Text, nullable=True),  # redacted
    Column("nearest", Text, nullable=True),  # JSON list of intent ids
    Column("reply_ref", String(64), nullable=True, index=True),
)

# 👍/👎 on answers: one vote per person per answer; a second click replaces the first.
votes = Table(
    "votes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("voted_at", Float, nullable=False, index=True),
    Column("user_hash", String(64), nullable=False, index=True),
    Column("team_id", String(32), nullable=True),
    Column("reply_ref", String(64), nullable=False),
    Column("intent", String(64), nullable=False, index=True),
    Column("confidence", Float, nullable=False),
    Column("question", Text, nullable=True),  # redacted
    Column("vote", String(8), nullable=False),  # "up" | "down"
    Column("reason", String(32), nullable=True),
    Column("comment", Text, nullable=True),  # redacted
    UniqueConstraint("reply_ref", "user_hash", name="uq_votes_reply_user"),
)

# Secrets made once per installation and shared by every host (e.g. the salt of user-id hashes).
install_secrets = Table(
    "install_secrets",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("value", String(128), nullable=False),
    Column("created_at", Float, nullable=False),
)

# Multi-workspace installs: slack_sdk's own tables, built by its public table builders.
SLACK_BOTS = "slack_bots"
SLACK_INSTALLATIONS = "slack_installations"
SLACK_OAUTH_STATES = "slack_oauth_states"
slack_bots = SQLAlchemyInstallationStore.build_bots_table(metadata, SLACK_BOTS)
slack_installations = SQLAlchemyInstallationStore.build_installations_table(metadata, SLACK_INSTALLATIONS)
slack_oauth_states = SQLAlchemyOAuthStateStore.build_oauth_states_table(metadata, SLACK_OAUTH_STATES)

# "Ask a person": a question sent to the experts channel, and where the expert's answer goes back.
handoffs = Table(
    "handoffs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("offer_key", String(64), nullable=False, unique=True),  # one hand-off per button, however often clicked
    Column("team_id", String(32), nullable=True),
    Column("asker", String(32), nullable=True),
    Column("question", Text, nullable=False),  # redacted
    Column("reply_channel", String(64), nullable=False),  # where the expert's answer is posted back
    Column("reply_thread_ts", String(32), nullable=True),
    Column("experts_channel", String(64), nullable=False),
    Column("experts_ts", String(32), nullable=True),  # the question's message there: its thread takes the answers
    Column("asked_at", Float, nullable=False, index=True),
    Index("ix_handoffs_thread", "experts_channel", "experts_ts"),
)

# What experts answered in a hand-off's thread: candidate answers for the knowledge report.
expert_answers = Table(
    "expert_answers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("handoff_id", Integer, nullable=False, index=True),
    Column("team_id", String(32), nullable=True),
    Column("expert", String(32), nullable=False),  # the Slack user id, credited
    Column("answer", Text, nullable=False),  # redacted
    Column("answered_at", Float, nullable=False, index=True),
)
