"""Publish the Home tab when a user opens it (once per window while it shows the same thing: `RecentHomes`)."""

from evalbot.slack.transport.delivery import publish_home
from evalbot.slack.deps import deps_of
from evalbot.slack.home import home_for, with_admin_section


def publish_home_tab(event, context, client) -> None:
    user = event.get("user")
    if event.get("tab", "home") != "home" or not isinstance(user, str) or not user:
        return  # the Messages tab opening needs nothing
    deps = deps_of(context)
    view = home_for(deps.brain.knowledge)
    team = context.team_id
    # Only with the viewer's workspace known: an admin sees their own workspace's questions, never another's.
    if deps.feedback is not None and deps.feedback.is_admin(user) and team:
        view = with_admin_section(view, deps.feedback.admin_report(team))
    if deps.homes.claim(user, view) and not publish_home(client, user_id=user, view=view):
        deps.homes.forget(user)
