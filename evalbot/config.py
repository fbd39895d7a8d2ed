"""Configuration from the environment or a `.env` file (pydantic-settings)."""

from pathlib import Path

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from evalbot.errors import ConfigError

DEFAULT_SLACK_API_URL = "https://slack.com/api/"


class Settings(BaseSettings):
    """Every setting evalbot reads; names match the environment variables."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    slack_bot_token: str | None = None
    slack_signing_secret: str | None = None
    slack_app_token: str | None = None
    slack_api_url: str = DEFAULT_SLACK_API_URL
    port: int = Field(default=3000, ge=1, le=65535)
    evalbot_knowledge_dir: Path | None = None
    evalbot_data_dir: Path = Path("var")
    log_level: str = "INFO"

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


def load_settings(**overrides: object) -> Settings:
    """Read settings, turning a validation failure into one clear `ConfigError` line."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as e:
        names = ", ".join(
            f"{str(err['loc'][0]).upper()} ({err['msg']})" for err in e.errors() if err["loc"]
        )
        raise ConfigError(f"invalid configuration: {names}") from e
