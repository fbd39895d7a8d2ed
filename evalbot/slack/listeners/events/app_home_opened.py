"""Publish the Home tab when a user opens it."""

from evalbot.slack.delivery import publish_home
from evalbot.slack.deps import deps_of
from evalbot.slack.home import home_for


def publish_home_tab(event, context, client) -> None:
    user = event.get("user")
    if event.get("tab", "home") != "home" or not isinstance(user, str) or not user:
        return  # the Messages tab opening needs nothing
    publish_home(client, user_id=user, view=home_for(deps_of(context).brain.knowledge))
