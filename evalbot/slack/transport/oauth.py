"""Multi-workspace install: Bolt's OAuth flow, with installations and OAuth states in the state store.

With `SLACK_CLIENT_ID` and `SLACK_CLIENT_SECRET`, `serve --http` answers
`GET /slack/install` (the "Add to Slack" page, which sets the state cookie) and
`GET /slack/oauth_redirect` (exchanges the code through `oauth.v2.access` and stores
the installation). Each workspace's events are then answered with its own bot token.

Revocation: Bolt's built-in `tokens_revoked` listener deletes only the bot record,
while the installation record keeps a copy of the bot token, which Bolt's default
lookup (`find_installation`) would still find and use. The app therefore looks tokens
up with `find_bot` alone (`installation_store_bot_only=True`), so a revoked or
uninstalled workspace's token is never used again.

Tokens are sealed at rest with `EVALBOT_TOKEN_KEY` (`evalbot.slack.transport.sealed_tokens`): the
installation store is wrapped, and tokens stored before (or with an older key) are sealed
again at start.
"""

from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore

from evalbot.config import Settings
from evalbot.errors import ConfigError
from evalbot.slack.transport.sealed_tokens import SealedInstallationStore, TokenCipher, seal_stored_tokens
from evalbot.store import Store
from evalbot.store.schema import SLACK_BOTS, SLACK_INSTALLATIONS, SLACK_OAUTH_STATES

INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"
# The bot scopes manifest.yml asks for (a test keeps the two equal).
BOT_SCOPES = ("app_mentions:read", "assistant:write", "channels:history", "chat:write", "chat:write.public", "commands",
              "groups:history", "im:history")
STATE_EXPIRY_SECONDS = 600  # an install started more than 10 minutes ago must start again


def oauth_settings(settings: Settings, store: Store) -> OAuthSettings:
    """Bolt's OAuth settings: slack_sdk's SQLAlchemy installation and state stores on the store's engine,
    the installations' tokens sealed with EVALBOT_TOKEN_KEY (every stored one sealed again now).

    Raises:
        ConfigError: EVALBOT_TOKEN_KEY is missing, malformed, or opens none of the stored tokens.
    """
    if not settings.evalbot_token_key:
        raise ConfigError("EVALBOT_TOKEN_KEY is required with SLACK_CLIENT_ID: it encrypts the stored Slack tokens")
    cipher = TokenCipher(keys=settings.evalbot_token_key)
    seal_stored_tokens(store.engine, cipher)
    installations = SealedInstallationStore(inner=SQLAlchemyInstallationStore(
        client_id=settings.slack_client_id or "",
        engine=store.engine,
        bots_table_name=SLACK_BOTS,
        installations_table_name=SLACK_INSTALLATIONS,
    ), cipher=cipher)
    states = SQLAlchemyOAuthStateStore(
        expiration_seconds=STATE_EXPIRY_SECONDS, engine=store.engine, table_name=SLACK_OAUTH_STATES
    )
    return OAuthSettings(
        client_id=settings.slack_client_id,
        client_secret=settings.slack_client_secret,
        scopes=list(BOT_SCOPES),
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
        installation_store=installations,
        installation_store_bot_only=True,
        state_store=states,
        state_expiration_seconds=STATE_EXPIRY_SECONDS,
    )
