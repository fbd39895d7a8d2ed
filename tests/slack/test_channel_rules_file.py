"""The EVALBOT_CHANNELS file: modes read as written, and every bad entry one line naming the file and channel."""

import subprocess
import sys

import pytest
from slack_fakes import SECRET, TOKEN
from test_serve_e2e import clean_env, free_port

from evalbot.errors import ConfigError
from evalbot.slack.channel_rules import ChannelMode, load_channel_rules


def rules(tmp_path, text: str):
    path = tmp_path / "channels.yaml"
    path.write_text(text)
    return path


def test_modes_are_read_and_unlisted_channels_answer_mentions(tmp_path):
    """Each listed channel has its mode; any other channel (or none) is `mentions`."""
    loaded = load_channel_rules(rules(tmp_path, "channels: {C0123ABC: all, C0456DEF: silent, G0789GHI: mentions}"))
    assert loaded.mode_of("C0123ABC") is ChannelMode.ALL and loaded.answers_everything("C0123ABC")
    assert loaded.silent("C0456DEF") and loaded.mode_of("G0789GHI") is ChannelMode.MENTIONS
    assert loaded.mode_of("C0OTHER01") is ChannelMode.MENTIONS and loaded.mode_of(None) is ChannelMode.MENTIONS


def test_no_file_means_no_rules():
    """Without EVALBOT_CHANNELS every channel answers mentions only."""
    assert load_channel_rules(None).mode_of("C0123ABC") is ChannelMode.MENTIONS


def test_an_empty_channels_map_is_allowed(tmp_path):
    """`channels: {}` is a valid file with no rules."""
    assert load_channel_rules(rules(tmp_path, "channels: {}\n")).modes == {}


@pytest.mark.parametrize("text, named", [
    ("channels: {C0123ABC: loud}", "C0123ABC has mode 'loud'"),
    ("channels: {C0123ABC: [all]}", "C0123ABC has mode ['all']"),
    ("channels: {C0123ABC: }", "C0123ABC has mode None"),
    ("channels: {'#ask-evalbot': all}", "'#ask-evalbot' is not a channel id"),
    ("channels: {D0123ABC: all}", "'D0123ABC' is not a channel id"),
    ("channels: {12345: all}", "12345 is not a channel id"),
    ("channels:\n  C0123ABC: all\n C0456DEF: silent\n", "not valid YAML at line"),
    ("C0123ABC: all\n", "expected one key `channels`"),
    ("channels: [C0123ABC]\n", "expected one key `channels`"),
    ("channels: {C0123ABC: all}\nextra: 1\n", "expected one key `channels`"),
    ("", "expected one key `channels`"),
], ids=["unknown mode", "list mode", "empty mode", "channel name", "dm id", "number", "bad yaml", "no channels key",
        "list", "extra key", "empty file"])
def test_bad_entries_are_one_line_naming_the_file_and_entry(tmp_path, text, named):
    """The error names EVALBOT_CHANNELS, the file and what is wrong, on one line."""
    path = rules(tmp_path, text)
    with pytest.raises(ConfigError) as raised:
        load_channel_rules(path)
    message = str(raised.value)
    assert message.startswith(f"EVALBOT_CHANNELS ({path})") and named in message and "\n" not in message


def test_a_missing_file_is_named(tmp_path):
    """A path with no file says so, with an example."""
    with pytest.raises(ConfigError, match=r"no such file; write one such as `channels: \{C0123ABC: all"):
        load_channel_rules(tmp_path / "nope.yaml")


def test_serve_stops_before_listening_on_a_bad_mode(tmp_path, fake_slack_server):
    """`serve --http` exits 2 with one line naming the file and the channel, and never answers /health."""
    path = rules(tmp_path, "channels:\n  C0123ABC: all\n  C0456DEF: sometimes\n")
    env = clean_env(tmp_path, SLACK_BOT_TOKEN=TOKEN, SLACK_SIGNING_SECRET=SECRET,
                    SLACK_API_URL=fake_slack_server.url, EVALBOT_CHANNELS=str(path))
    port = free_port()
    done = subprocess.run([sys.executable, "-m", "evalbot", "serve", "--http", "--port", str(port)],
                          env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    [line] = done.stderr.strip().splitlines()
    assert str(path) in line and "C0456DEF" in line and "sometimes" in line


@pytest.mark.parametrize("text, code, says", [
    ("channels: {C0123ABC: all}\n", 0, "channel rules OK: 1 channel(s)"),
    ("channels: {C0123ABC: loud}\n", 1, "C0123ABC has mode 'loud'"),
], ids=["good", "bad"])
def test_check_validates_the_rules_file_before_a_deploy(tmp_path, text, code, says):
    """`evalbot check` reports what `serve` would refuse, with the knowledge base's problems."""
    env = clean_env(tmp_path, EVALBOT_CHANNELS=str(rules(tmp_path, text)))
    done = subprocess.run([sys.executable, "-m", "evalbot", "check"], env=env, cwd=tmp_path, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == code and says in done.stdout
