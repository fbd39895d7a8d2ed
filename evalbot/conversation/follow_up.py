"""Deciding whether a message follows up on the last answer, and answering it if so.

The order matters. A command (`roi cost=3M`, `checklist equity`) is always itself. Then
"shorter" and "more", then a pick among the choices just offered, then a clear new
question is let go, and only then do the figures or a condition carry the last answer on.
"""

from evalbot.conversation.brevity import shorter_or_more
from evalbot.conversation.calculation import recalculated
from evalbot.conversation.cues import WHAT_IF, is_marked, word_count
from evalbot.conversation.references import referenced
from evalbot.conversation.state import ConversationState
from evalbot.conversation.topic import on_topic
from evalbot.core.brain import MAX_INPUT_CHARS, Brain
from evalbot.core.reply import Reply, ReplyKind
from evalbot.inputs.extract import detect_calculation
from evalbot.knowledge_base.models import Entry, Template
from evalbot.routing.grammar import Tool
from evalbot.routing.matcher import Route
from evalbot.routing.normalise import normalise, strip_slack

# A message this long, routed this surely to another intent, with no follow-up wording, is a new question.
NEW_QUESTION_WORDS = 7
NEW_QUESTION_CONFIDENCE = 0.8
# A short message with figures, after a calculation, changes that calculation.
WHAT_IF_WORDS = 6


def follow_up(brain: Brain, text: str, state: ConversationState) -> Reply | None:
    """The answer to `text` as a follow-up on `state`; None when it is a new question.

    Raises:
        CommandError: a key given two different values.
    """
    stripped = strip_slack(text[:MAX_INPUT_CHARS])
    normal = normalise(stripped)
    if not normal:
        return None
    command = brain.command_of(text)
    if command is not None:
        # `roi benefit=10M` while `roi` waits for its benefit adds to it; any other command stands alone.
        waiting = state.asking is not None and command.tool is Tool.CALCULATOR and command.name == state.calculator
        return recalculated(brain, stripped, state) if waiting else None
    short_or_long = shorter_or_more(brain, normal, state)
    if short_or_long is not None:
        return short_or_long
    entry = referenced(normal, offered=state.offered, current=state.intent, knowledge=brain.knowledge)
    if entry is None and state.kind is ReplyKind.CLARIFY:
        entry = numbered_pick(normal, state.offered, brain)
    if entry is not None:
        return _picked(brain, entry, state)
    route = brain.route(text)
    if _new_question(stripped, normal, route, state):
        return None
    if state.calculator is not None and (state.asking is not None or _what_if(normal, route, state)):
        reply = recalculated(brain, stripped, state)
        if reply is not None:
            return reply
    return on_topic(brain, normal, route, state) if state.kind is ReplyKind.TOPIC else None


def _picked(brain: Brain, entry: Entry, state: ConversationState) -> Reply:
    """The choice picked; a template that the last calculation fills gets its figures.

    A pick after "not sure" answers the question that was asked, so the topic leads with its point.
    """
    if isinstance(entry, Template) and state.calculator and entry.calculator == state.calculator:
        return brain.answer_intent(entry.id, args=state.inputs)
    if state.kind is ReplyKind.CLARIFY:
        return brain.answer_intent(entry.id, question=state.question)
    return brain.answer_intent(entry.id)


_BARE_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}


def numbered_pick(normal: str, offered: list[str], brain: Brain) -> Entry | None:
    """A bare number or ordinal ("2", "first") after a reply that offered numbered choices."""
    words = normal.replace("#", " ").split()
    if len(words) != 1:
        return None
    number = int(words[0]) if words[0].isdigit() else _BARE_ORDINALS.get(words[0], 0)
    return brain.knowledge.get(offered[number - 1]) if 1 <= number <= len(offered) else None


def _new_question(stripped: str, normal: str, route: Route | None, state: ConversationState) -> bool:
    """A message that stands on its own: a whole other calculation, or a long, sure question about something else."""
    stated = detect_calculation(stripped)
    if stated is not None and stated != state.calculator:
        return True
    return (route is not None and not route.out_of_scope and route.intent != state.intent
            and route.confidence >= NEW_QUESTION_CONFIDENCE
            and word_count(normal) >= NEW_QUESTION_WORDS and not is_marked(normal))


def _what_if(normal: str, route: Route | None, state: ConversationState) -> bool:
    """Worded as a change to the finished calculation: "what if …", a short fragment, or routed to it anyway."""
    return bool(WHAT_IF.match(normal)) or word_count(normal) <= WHAT_IF_WORDS or (
        route is not None and route.intent == state.intent)
