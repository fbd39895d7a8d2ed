"""manifest.yml: the shape Slack's manifest schema (v1) accepts, and consistent with what the app listens to."""

import re
from pathlib import Path

import pytest
import yaml
from slack_fakes import event_callback

from evalbot.rendering.assistant import suggested_prompts
from evalbot.slack.listeners.commands import COMMAND
from evalbot.slack.transport.oauth import BOT_SCOPES, REDIRECT_PATH

MANIFEST = Path(__file__).parents[2] / "manifest.yml"
# The keys schema v1 allows at each level we use (additionalProperties: false in the schema).
ALLOWED = {
    "": {"_metadata", "display_information", "features", "oauth_config", "settings"},
    "display_information": {"name", "description", "background_color", "long_description"},
    "features": {
        "app_home", "assistant_view", "bot_user", "shortcuts", "slash_commands", "workflow_steps", "unfurl_domains",
    },
    "features.assistant_view": {"assistant_description", "suggested_prompts"},
    "features.app_home": {"home_tab_enabled", "messages_tab_enabled", "messages_tab_read_only_enabled"},
    "features.bot_user": {"display_name", "always_online"},
    "oauth_config": {"redirect_urls", "scopes", "token_management_enabled"},
    "oauth_config.scopes": {"bot", "user"},
    "settings": {
        "allowed_ip_address_ranges",
        "event_subscriptions",
        "incoming_webhooks",
        "interactivity",
        "org_deploy_enabled",
        "socket_mode_enabled",
        "token_rotation_enabled",
        "function_runtime",
    },
    "settings.event_subscriptions": {"request_url", "bot_events", "user_events", "metadata_subscriptions"},
    "settings.interactivity": {"is_enabled", "request_url", "message_menu_options_url"},
}


@pytest.fixture(scope="module")
def manifest() -> dict:
    return yaml.safe_load(MANIFEST.read_text())


def node(manifest: dict, path: str) -> dict:
    for part in filter(None, path.split(".")):
        manifest = manifest[part]
    return manifest


@pytest.mark.parametrize("path", ALLOWED)
def test_only_schema_keys(manifest, path):
    assert set(node(manifest, path)) <= ALLOWED[path]


def test_display_information_lengths(manifest):
    info = manifest["display_information"]
    assert 1 <= len(info["name"]) <= 35 and 1 <= len(info["description"]) <= 140
    assert 175 <= len(info["long_description"]) <= 4000
    assert re.fullmatch(r"#[0-9a-fA-F]{6}", info["background_color"])


def test_slash_command(manifest):
    [command] = manifest["features"]["slash_commands"]
    assert command["command"] == "/evalbot" and COMMAND.match(command["command"])
    assert 1 <= len(command["description"]) <= 2000 and 1 <= len(command["usage_hint"]) <= 1000
    assert command["should_escape"] is False
    assert set(command) <= {"command", "url", "description", "usage_hint", "should_escape"}


def test_features_and_settings(manifest):
    assert manifest["features"]["app_home"] == {
        "home_tab_enabled": True,
        "messages_tab_enabled": True,
        "messages_tab_read_only_enabled": False,
    }
    assert manifest["features"]["bot_user"]["display_name"]
    settings = manifest["settings"]
    assert settings["interactivity"]["is_enabled"] is True
    assert settings["socket_mode_enabled"] is True and settings["org_deploy_enabled"] is False


def test_scopes_are_what_the_app_uses(manifest):
    assert set(manifest["oauth_config"]["scopes"]["bot"]) == {
        "app_mentions:read",
        "assistant:write",
        "channels:history",
        "chat:write",
        "chat:write.public",
        "commands",
        "groups:history",
        "im:history",
    }


def test_the_install_flow_asks_for_the_manifests_scopes_and_redirect(manifest):
    """A workspace installed through GET /slack/install gets the scopes a manifest-created app has."""
    assert set(BOT_SCOPES) == set(manifest["oauth_config"]["scopes"]["bot"])
    assert f"https://HOST{REDIRECT_PATH}" in MANIFEST.read_text()  # commented: HTTP mode only


def test_every_subscribed_event_has_a_listener(manifest, deliver):
    events = manifest["settings"]["event_subscriptions"]["bot_events"]
    assert sorted(events) == [
        "app_home_opened",
        "app_mention",
        "app_uninstalled",
        "assistant_thread_context_changed",
        "assistant_thread_started",
        "message.channels",
        "message.groups",
        "message.im",
        "tokens_revoked",
    ]
    for n, name in enumerate(events):
        event_type, _, channel_type = name.partition(".")
        event = {"type": event_type, "user": "U0USER01", "channel": "D0DM0001", "ts": "1.2", "text": "hi",
                 "assistant_thread": {"user_id": "U0USER01", "channel_id": "D0DM0001", "thread_ts": "1.2"}}
        if channel_type:
            event["channel_type"] = channel_type
        # Bolt answers 404 to a delivery no listener matched.
        assert deliver(event_callback(event, event_id=f"EvSubscribed{n}")).status == 200, name


def test_assistant_view_prompts_are_the_ones_the_app_suggests(manifest):
    """The panel's prompts in the manifest equal those evalbot sets when a thread starts (at most 4, short titles)."""
    view = manifest["features"]["assistant_view"]
    assert 1 <= len(view["assistant_description"]) <= 200
    assert view["suggested_prompts"] == suggested_prompts() and len(view["suggested_prompts"]) <= 4
