"""The App Home tab: what evalbot does, and buttons to start."""

from dataclasses import dataclass

from evalbot.rendering.block_kit import FORM_ACTION, button, sections
from evalbot.rendering.slack_text import mrkdwn, plain_text

HOME_COMMAND_ACTION = "evalbot_home_command"
HOME_PICK_ACTION = "evalbot_home_pick"
MAX_OPTIONS = 100
MAX_OPTION_TEXT = 75


@dataclass(frozen=True, kw_only=True)
class HomeMenu:
    """A dropdown on the Home tab: a placeholder and (intent id, title) options."""

    name: str
    placeholder: str
    options: tuple[tuple[str, str], ...]


def _menu(menu: HomeMenu) -> dict:
    return {
        "type": "static_select",
        "action_id": f"{HOME_PICK_ACTION}:{menu.name}",
        "placeholder": plain_text(menu.placeholder, MAX_OPTION_TEXT),
        "options": [
            {"text": plain_text(title, MAX_OPTION_TEXT), "value": intent}
            for intent, title in menu.options[:MAX_OPTIONS]
        ],
    }


def home_view(*, topic_count: int, calculator: str | None, menus: list[HomeMenu]) -> dict:
    """The `views.publish` view of the Home tab."""
    intro = (
        "I advise people who lead AI evaluation work, drawing on the guide "
        "_The Executive Track: Leading AI Evaluation_.\n"
        f"• *Advice* on {topic_count} topics: board pitches, budgets, negotiation, promotion, the C-suite\n"
        "• *Calculators*: ROI, NPV, team cost, confidence intervals\n"
        "• *Checklists* and *templates* you can paste"
    )
    how = (
        "*How to ask*\n• `/evalbot how do I pitch the eval budget?` anywhere (only you see the answer)\n"
        "• Mention me in a channel and I answer in the thread\n• Or write to me in the *Messages* tab"
    )
    starters = [
        button("Topics", action_id=f"{HOME_COMMAND_ACTION}:topics", value="topics"),
        button("Help", action_id=f"{HOME_COMMAND_ACTION}:help", value="help"),
    ]
    if calculator:
        starters.insert(0, button("ROI calculator", action_id=FORM_ACTION, value=calculator, style="primary"))
    blocks = [
        {"type": "header", "text": plain_text("evalbot: your AI evaluation advisor", 150)},
        *sections(intro),
        {"type": "actions", "block_id": "home_start", "elements": starters},
    ]
    pickers = [_menu(m) for m in menus if m.options]
    if pickers:
        blocks.append({"type": "actions", "block_id": "home_menus", "elements": pickers})
    blocks += [{"type": "divider"}, *sections(how)]
    blocks.append({"type": "context", "elements": [mrkdwn("Answers arrive in your Messages tab with me.")]})
    return {"type": "home", "blocks": blocks}
