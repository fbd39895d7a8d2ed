"""Publish the Home tab when a user opens it (once per window while it shows the same thing: `RecentHomes`)."""

from evalbot.slack.delivery import publish_home
from evalbot.slack.deps import deps_of
from evalbot.slack.home import home_for, with_admin_section


def publish_home_tab(event, context, client) -> None:
    user = event.get("user")
    if event.get("tab", "home") != "home" or not isinstance(user, str) or not user:
        return  # the Messages tab opening needs nothing
    deps = deps_of(context)
    view = home_for(deps.brain.knowledge)
    if deps.feedback is not None and deps.feedback.is_admin(user):
        view = with_admin_section(view, deps.feedback.admin_report())
    if deps.homes.claim(user, view) and not publish_home(client, user_id=user, view=view):
        deps.homes.forget(user)
