"""Deciding whether a message follows up on the last answer, and answering it if so.

The order matters. A command (`roi cost=3M`, `checklist equity`) is always itself. Then
"shorter" and "more", then a pick among the choices just offered, then a clear new
question is let go, and only then do the figures or a condition carry the last answer on.
"""

from evalbot.calculators import get_calculator
from evalbot.conversation.brevity import shorter
from evalbot.conversation.calculation import changed_inputs
from evalbot.conversation.cues import MORE, SHORTER, WHAT_IF, fragment, is_condition, is_marked, word_count
from evalbot.conversation.references import referenced
from evalbot.conversation.state import ConversationState
from evalbot.core.brain import MAX_INPUT_CHARS, Brain
from evalbot.core.handlers.smalltalk import answer_help
from evalbot.core.reply import Reply, ReplyKind, Section
from evalbot.inputs.extract import detect_calculation
from evalbot.inputs.followup import read_followup
from evalbot.knowledge_base.models import Entry, Template
from evalbot.routing.grammar import Command, Tool
from evalbot.routing.matcher import Route
from evalbot.routing.normalise import normalise, strip_slack

# A message this long, routed this surely to another intent, with no follow-up wording, is a new question.
NEW_QUESTION_WORDS = 7
NEW_QUESTION_CONFIDENCE = 0.8
# A short message with figures, after a calculation, changes that calculation.
WHAT_IF_WORDS = 6
NOTHING_YET = "Nothing to go on yet"


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
        return _continued(brain, command, stripped, state)
    if SHORTER.match(normal):
        return shorter(_again(brain, state))
    if MORE.match(normal):
        if state.more is None:
            return _again(brain, state)
        return brain.answer_more(state.more).model_copy(update={"confidence": state.confidence})
    entry = referenced(normal, offered=state.offered, current=state.intent, knowledge=brain.knowledge)
    if entry is not None:
        return _picked(brain, entry, state)
    route = brain.route(text)
    if _new_question(stripped, normal, route, state):
        return None
    if state.calculator is not None:
        reply = _calculation(brain, stripped, normal, route, state)
        if reply is not None:
            return reply
    if state.kind is ReplyKind.TOPIC:
        return _topic(brain, normal, route, state)
    return None


def about_nothing(brain: Brain, text: str) -> Reply | None:
    """With no conversation yet, "shorter" or "more" has nothing to work on: say so, with examples; else None."""
    normal = normalise(strip_slack(text[:MAX_INPUT_CHARS]))
    if not (SHORTER.match(normal) or MORE.match(normal)):
        return None
    menu = answer_help(brain.knowledge)
    opening = Section(text="There is no earlier answer in this conversation to make shorter or longer. "
                           "Ask me something first, for example:")
    return menu.model_copy(update={"title": NOTHING_YET,
                                   "sections": [opening, *(s for s in menu.sections if s.heading == "Try")]})


def _again(brain: Brain, state: ConversationState, *, question: str | None = None) -> Reply:
    """The last answer once more; a topic leads with what answers `question` (by default, the last one)."""
    args = state.inputs if state.calculator is not None else None
    reply = brain.answer_intent(state.intent, args=args, question=state.question if question is None else question)
    return reply.model_copy(update={"confidence": state.confidence})


def _continued(brain: Brain, command: Command, stripped: str, state: ConversationState) -> Reply | None:
    """`roi benefit=10M` while `roi` waits for its benefit adds to it; any other command stands alone."""
    if state.asking is None or command.tool is not Tool.CALCULATOR or command.name != state.calculator:
        return None
    return _recalculated(brain, stripped, state)


def _picked(brain: Brain, entry: Entry, state: ConversationState) -> Reply:
    """The choice picked; a template that the last calculation fills gets its figures."""
    if isinstance(entry, Template) and state.calculator and entry.calculator == state.calculator:
        return brain.answer_intent(entry.id, args=state.inputs)
    return brain.answer_intent(entry.id)


def _new_question(stripped: str, normal: str, route: Route | None, state: ConversationState) -> bool:
    """A message that stands on its own: a whole other calculation, or a long, sure question about something else."""
    stated = detect_calculation(stripped)
    if stated is not None and stated != state.calculator:
        return True
    return (route is not None and not route.out_of_scope and route.intent != state.intent
            and route.confidence >= NEW_QUESTION_CONFIDENCE
            and word_count(normal) >= NEW_QUESTION_WORDS and not is_marked(normal))


def _calculation(brain: Brain, stripped: str, normal: str, route: Route | None,
                 state: ConversationState) -> Reply | None:
    """Figures for the last calculation: the input it asked for, or a what-if on a finished one."""
    if state.asking is None:
        short = word_count(normal) <= WHAT_IF_WORDS or (route is not None and route.intent == state.intent)
        if not (WHAT_IF.match(normal) or short):
            return None
    return _recalculated(brain, stripped, state)


def _recalculated(brain: Brain, text: str, state: ConversationState) -> Reply | None:
    """The last calculation again with the figures `text` states merged over its inputs; None if it states none."""
    calculator = get_calculator(state.calculator or "")
    if calculator is None:
        return None
    reading = read_followup(calculator.id, text, asking=state.asking)
    if not reading.inputs:
        return None
    reply = brain.answer_intent(state.intent, args=changed_inputs(calculator, state.inputs, reading.inputs))
    if not reading.unused:
        return reply
    note = Section(heading="Not used", text=f"I didn't use: {', '.join(reading.unused)}.")
    return reply.model_copy(update={"sections": [*reply.sections, note]})


def _topic(brain: Brain, normal: str, route: Route | None, state: ConversationState) -> Reply | None:
    """A follow-up on the last topic: a condition on it ("and for a startup?"), or a part of it the words
    alone do not place ("and the window?")."""
    if is_condition(normal):
        return _again(brain, state, question=f"{state.question} {fragment(normal)}")
    unplaced = route is None or route.out_of_scope
    if is_marked(normal) and unplaced and _mentions(brain, fragment(normal), state.intent):
        return _again(brain, state, question=fragment(normal))
    return None


def _mentions(brain: Brain, words: str, intent: str) -> bool:
    """Whether `words` share anything with the entry `intent` (it ranks at all for them)."""
    return any(c.intent == intent for c in brain.matcher.rank(words, limit=len(brain.knowledge.entries)))
