"""Configuration from the environment or a `.env` file.

Settings are a plain pydantic model filled from `.env` (read with python-dotenv,
only when the file exists) overlaid by the real environment, which wins. We do
not use pydantic-settings: importing it pulls in asyncio and costs 90-230 ms,
a third of the 0.6 s cold-start budget of `evalbot ask`.
"""

import os
from collections.abc import Mapping
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from evalbot.errors import ConfigError

DEFAULT_SLACK_API_URL = "https://slack.com/api/"


class Settings(BaseModel):
    """Every setting evalbot reads; field names are the environment variables, lower-cased."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    slack_bot_token: str | None = None
    slack_signing_secret: str | None = None
    slack_app_token: str | None = None
    slack_api_url: str = DEFAULT_SLACK_API_URL
    port: int = Field(default=3000, ge=1, le=65535)
    evalbot_knowledge_dir: Path | None = None
    evalbot_data_dir: Path = Path("var")
    # SQLAlchemy URL of the state store; None means SQLite in evalbot_data_dir.
    evalbot_database_url: str | None = None
    slack_client_id: str | None = None
    slack_client_secret: str | None = None
    # Fernet key(s) sealing the stored Slack tokens of OAuth installs; "new,old" while rotating.
    evalbot_token_key: str | None = None
    # Slack user ids (comma or space separated) who see the knowledge-gap report in App Home.
    evalbot_admins: frozenset[str] = frozenset()
    evalbot_retention_days: int = Field(default=90, ge=1)
    # Where a built routing index is kept between runs; "off" rebuilds it every time.
    evalbot_cache_dir: str | None = None
    log_level: str = "INFO"
    # A YAML file of channel rules (all / mentions / silent), checked when `serve` starts.
    evalbot_channels: Path | None = None
    # The channel "Ask a person" sends questions to; None: no hand-off is offered.
    evalbot_experts_channel: str | None = None

    @field_validator(
        "slack_bot_token", "slack_signing_secret", "slack_app_token", "evalbot_knowledge_dir", "evalbot_cache_dir",
        "evalbot_database_url", "slack_client_id", "slack_client_secret", "evalbot_token_key", "evalbot_channels",
        "evalbot_experts_channel",
        mode="before",
    )
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    def routing_cache_dir(self) -> Path | None:
        """The index cache folder: EVALBOT_CACHE_DIR, "off" for none, else the user's cache folder."""
        if self.evalbot_cache_dir is None:
            from evalbot.core.brain_cache import default_cache_dir

            return default_cache_dir()
        return None if self.evalbot_cache_dir.lower() in {"off", "none", "0"} else Path(self.evalbot_cache_dir)

    @field_validator("evalbot_admins", mode="before")
    @classmethod
    def _user_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return frozenset(part for part in value.replace(",", " ").split() if part)
        return value

    @property
    def oauth(self) -> bool:
        """True when the app is installed per workspace (OAuth) rather than with one bot token."""
        return bool(self.slack_client_id and self.slack_client_secret)

    def open_store(self, *, migrate: bool = True):
        """The state store these settings name (see `evalbot.store.open_store`)."""
        from evalbot.store import open_store

        return open_store(url=self.evalbot_database_url, data_dir=self.evalbot_data_dir, migrate=migrate)

    @field_validator("evalbot_knowledge_dir")
    @classmethod
    def _existing_folder(cls, value: Path | None) -> Path | None:
        # Checked here, before any cached routing index is reused: an overlay that
        # vanished must stop every command, not quietly drop an organisation's entries.
        if value is not None and not value.is_dir():
            raise ValueError(f"{value} is not a folder" if value.exists() else f"no folder at {value}")
        return value

    @field_validator("evalbot_experts_channel")
    @classmethod
    def _channel_id(cls, value: str | None) -> str | None:
        from evalbot.slack.channel_rules import CHANNEL_ID

        if value is not None and not CHANNEL_ID.fullmatch(value.strip()):
            raise ValueError(f"{value!r} is not a channel id; give one such as C0123ABCD (in Slack, the "
                             "channel's details show it at the bottom), and invite evalbot to that channel")
        return None if value is None else value.strip()

    def channel_rules(self):
        """The channel rules of `EVALBOT_CHANNELS` (`evalbot.slack.channel_rules`); ConfigError when wrong."""
        from evalbot.slack.channel_rules import load_channel_rules

        return load_channel_rules(self.evalbot_channels)

    @field_validator("slack_api_url")
    @classmethod
    def _trailing_slash(cls, value: str) -> str:
        # slack_sdk joins method names straight onto the base URL.
        return value if value.endswith("/") else value + "/"

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        level = value.upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL")
        return level


def _environment(env_file: Path | None, environ: Mapping[str, str]) -> dict[str, str]:
    values: dict[str, str] = {}
    if env_file is not None and env_file.is_file():
        from dotenv import dotenv_values

        values.update({k.lower(): v for k, v in dotenv_values(env_file).items() if v is not None})
    names = Settings.model_fields
    values.update({k.lower(): v for k, v in environ.items() if k.lower() in names})
    return values


def load_settings(
    *, env_file: Path | None = Path(".env"), environ: Mapping[str, str] | None = None, **overrides: object
) -> Settings:
    """Read settings from `.env` and the environment; `overrides` win over both.

    Raises:
        ConfigError: one line naming each invalid variable.
    """
    values: dict[str, object] = dict(_environment(env_file, os.environ if environ is None else environ))
    values.update(overrides)
    try:
        return Settings.model_validate(values)
    except ValidationError as e:
        names = ", ".join(
            f"{str(err['loc'][0]).upper()} ({err.get('ctx', {}).get('error') or err['msg']})"
            for err in e.errors() if err["loc"]
        )
        raise ConfigError(f"invalid configuration: {names}") from e
