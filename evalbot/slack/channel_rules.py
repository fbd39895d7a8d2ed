"""Per-channel rules (`EVALBOT_CHANNELS`): answer every message, only mentions, or nothing.

The file is YAML, one channel id per key:

    channels:
      C0123ABC: all        # every top-level message and its thread, no mention needed
      C0456DEF: silent     # never answers there (no post, no ephemeral)
      C0789GHI: mentions   # the default for channels not listed

It is read and checked once, when `evalbot serve` starts: a bad entry stops the server with
one line naming the file and the channel (exit 2) before it listens.
"""

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import yaml

from evalbot.errors import ConfigError

# Public (C), private (G) channel ids; DMs (D) always answer and cannot be ruled.
CHANNEL_ID = re.compile(r"[CG][A-Z0-9]{2,}")
EXAMPLE = "channels: {C0123ABC: all, C0456DEF: silent}"


class ChannelMode(enum.StrEnum):
    """How evalbot behaves in one channel."""

    ALL = "all"
    MENTIONS = "mentions"
    SILENT = "silent"


@dataclass(frozen=True)
class ChannelRules:
    """Each ruled channel's mode; every other channel is `mentions`."""

    modes: Mapping[str, ChannelMode] = field(default_factory=lambda: MappingProxyType({}))

    def mode_of(self, channel: object) -> ChannelMode:
        return self.modes.get(channel, ChannelMode.MENTIONS) if isinstance(channel, str) else ChannelMode.MENTIONS

    def answers_everything(self, channel: object) -> bool:
        return self.mode_of(channel) is ChannelMode.ALL

    def silent(self, channel: object) -> bool:
        return self.mode_of(channel) is ChannelMode.SILENT


def load_channel_rules(path: Path | None) -> ChannelRules:
    """The rules in the YAML file at `path` (None: no rules).

    Raises:
        ConfigError: one line naming `EVALBOT_CHANNELS`, the file, and the entry at fault.
    """
    if path is None:
        return ChannelRules()
    where = f"EVALBOT_CHANNELS ({path})"
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{where}: no such file; write one such as `{EXAMPLE}`") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{where}: cannot be read: {e}") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark is not None else ""
        raise ConfigError(f"{where}: not valid YAML{at}; expected e.g. `{EXAMPLE}`") from None
    channels = document.get("channels") if isinstance(document, dict) else None
    if not isinstance(channels, dict) or set(document) != {"channels"}:
        raise ConfigError(f"{where}: expected one key `channels` mapping channel ids to modes, e.g. `{EXAMPLE}`")
    return ChannelRules(MappingProxyType({_channel(where, key): _mode(where, key, value)
                                          for key, value in channels.items()}))


def _channel(where: str, key: object) -> str:
    if not isinstance(key, str) or not CHANNEL_ID.fullmatch(key):
        raise ConfigError(f"{where}: channel {key!r} is not a channel id (such as C0123ABC: open the channel's "
                          "details in Slack, the id is at the bottom)")
    return key


def _mode(where: str, channel: str, value: object) -> ChannelMode:
    try:
        return ChannelMode(value)
    except (ValueError, TypeError):
        modes = ", ".join(mode.value for mode in ChannelMode)
        raise ConfigError(f"{where}: channel {channel} has mode {value!r}; use one of {modes} "
                          f"(e.g. `{channel}: all`)") from None
