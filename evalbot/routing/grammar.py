"""The explicit command grammar. It wins over fuzzy matching whenever the first word names a tool.

    roi|npv|irr|payback|team-cost|ci|sample-size|compare ... k=v      a calculator
    template NAME k=v ...             a template (NAME is typo-tolerant)
    checklist NAME                    a checklist
    help | topics                     the catalogue
"""

from dataclasses import dataclass, field
from enum import StrEnum

from rapidfuzz import fuzz, process

from evalbot.inputs.pairs import split_pairs

CALCULATOR_ALIASES: dict[str, str] = {
    "roi": "roi",
    "npv": "npv",
    "team-cost": "team-cost",
    "team_cost": "team-cost",
    "teamcost": "team-cost",
    "ci": "confidence-interval",
    "confidence-interval": "confidence-interval",
    "confidence_interval": "confidence-interval",
    "wilson": "confidence-interval",
    "irr": "irr",
    "payback": "payback",
    "sample-size": "sample-size",
    "sample_size": "sample-size",
    "samplesize": "sample-size",
    "power": "sample-size",
    "compare": "compare",
    "mcnemar": "compare",
}
_KEYWORDS = {"template": ("template", "templates", "draft"), "checklist": ("checklist", "checklists")}
_CATALOGUE = {"help": "help", "topics": "topics", "commands": "help", "menu": "topics", "list": "topics"}


class Tool(StrEnum):
    CALCULATOR = "calculator"
    TEMPLATE = "template"
    CHECKLIST = "checklist"
    HELP = "help"
    TOPICS = "topics"


@dataclass(frozen=True, kw_only=True)
class Command:
    """A parsed explicit command.

    Attributes:
        tool: what the first word named.
        name: the calculator id, or the template/checklist name as typed (may be None).
        args: `key=value` inputs, keys canonicalised.
        rest: words left after a calculator's pairs.
    """

    tool: Tool
    name: str | None = None
    args: dict[str, str] = field(default_factory=dict)
    rest: str = ""


def _keyword(word: str) -> str | None:
    for tool, spellings in _KEYWORDS.items():
        if word in spellings:
            return tool
        # "templte", "cheklist": long enough that a near miss cannot be another word.
        if process.extractOne(word, spellings, scorer=fuzz.ratio, score_cutoff=84):
            return tool
    return None


def parse_command(text: str) -> Command | None:
    """Parse `text` (Slack markup already stripped) as an explicit command, or return None.

    A calculator word followed by free prose ("roi of eval is hard to explain") is not
    a command: it is left to the matcher. Followed by figures it is one, with the words
    kept in `rest` to be read for inputs (`npv upfront 500k years 5 rate 8%`).

    Raises:
        CommandError: for conflicting `key=value` inputs.
    """
    words = text.strip().split(maxsplit=1)
    if not words:
        return None
    head = words[0].lower().rstrip(":,.!?")
    tail = words[1] if len(words) > 1 else ""
    if head in CALCULATOR_ALIASES:
        split = split_pairs(tail)
        if split.pairs or not split.rest or any(char.isdigit() for char in split.rest):
            return Command(tool=Tool.CALCULATOR, name=CALCULATOR_ALIASES[head], args=split.pairs, rest=split.rest)
        return None
    if head in _CATALOGUE and not tail.strip(" ?!."):
        return Command(tool=Tool(_CATALOGUE[head]))
    if len(head) >= 7 and (tool := _keyword(head)):
        split = split_pairs(tail)
        return Command(tool=Tool(tool), name=split.rest or None, args=split.pairs)
    return None
