"""DirectListener: Bolt's matching and running, minus the generic argument injection."""

import pytest
from slack_bolt.listener_matcher import builtins as builtin_matchers

from evalbot.slack.listeners.direct import DirectListener


def test_a_function_asking_for_an_argument_it_cannot_get_is_refused_at_registration():
    def listener(event, say):
        pass

    with pytest.raises(TypeError, match="say"):
        DirectListener(function=listener, matcher=builtin_matchers.event("app_mention"), auto_acknowledgement=True)


def test_matches_as_bolts_own_matcher():
    def listener(event):
        pass

    direct = DirectListener(function=listener, matcher=builtin_matchers.event("app_mention"), auto_acknowledgement=True)
    mention = {"type": "event_callback", "event": {"type": "app_mention"}}
    message = {"type": "event_callback", "event": {"type": "message"}}
    command = {"command": "/evalbot"}
    for body in (mention, message, command):
        assert direct._matches_body(body) == builtin_matchers.event("app_mention").func(body)
    assert direct._matches_body(mention) and not direct._matches_body(message)
