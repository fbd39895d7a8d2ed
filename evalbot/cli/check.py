"""`evalbot check`: validate the knowledge base (and an overlay) and the channel rules file; exit 1 on any problem."""

from evalbot.config import Settings
from evalbot.drafting.checks import template_problems
from evalbot.errors import ConfigError, KnowledgeError
from evalbot.knowledge_base.integrity import find_problems
from evalbot.knowledge_base.loader import load_knowledge
from evalbot.knowledge_base.locate import shipped_knowledge_dir


def run_check(settings: Settings) -> int:
    base = shipped_knowledge_dir()
    overlay = settings.evalbot_knowledge_dir
    try:
        kb = load_knowledge(overlay)
    except KnowledgeError as e:
        problems = e.problems
    else:
        problems = find_problems(kb, knowledge_dir=base, template_checks=(template_problems,))
    rules = _channel_rules_problem(settings)
    problems = [*problems, rules] if rules else problems
    if problems:
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problem(s) found.")
        return 1
    where = f"{base}" + (f" + overlay {overlay}" if overlay else "")
    print(f"knowledge base OK: {len(kb.entries)} entries ({len(kb.topics)} topics) from {where}")
    if settings.evalbot_channels is not None:
        print(f"channel rules OK: {len(settings.channel_rules().modes)} channel(s) in {settings.evalbot_channels}")
    return 0


def _channel_rules_problem(settings: Settings) -> str | None:
    """The EVALBOT_CHANNELS file's problem, if it has one: `check` before a deploy finds what `serve` would refuse."""
    try:
        settings.channel_rules()
    except ConfigError as e:
        return str(e)
    return None
