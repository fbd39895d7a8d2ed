"""`evalbot check`: validate the knowledge base (and an overlay); exit 1 on any problem."""

from evalbot.config import Settings
from evalbot.drafting.checks import template_problems
from evalbot.errors import KnowledgeError
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
    if problems:
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problem(s) found.")
        return 1
    where = f"{base}" + (f" + overlay {overlay}" if overlay else "")
    print(f"knowledge base OK: {len(kb.entries)} entries ({len(kb.topics)} topics) from {where}")
    return 0
