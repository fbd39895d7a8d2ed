"""The brain: text in, `Reply` out. The same for Slack and the terminal."""

from pathlib import Path

from evalbot.core import brain_cache
from evalbot.core.handlers.calculator import answer_calculator, calculation_for
from evalbot.core.handlers.catalogue import answer_catalogue
from evalbot.core.handlers.checklist import answer_checklist
from evalbot.core.handlers.clarify import answer_unsure
from evalbot.core.handlers.common import choices
from evalbot.core.handlers.out_of_scope import answer_in_english, answer_out_of_scope
from evalbot.core.handlers.smalltalk import answer_help, answer_smalltalk
from evalbot.core.handlers.template import answer_template
from evalbot.core.handlers.lead import LEAD_CHARS, blend_relevance, lead_points, parse_more_key
from evalbot.core.handlers.offer import calculation_offers, offers_of_command
from evalbot.core.handlers.topic import answer_topic, topic_lead, with_second_topic
from evalbot.core.reply import InputProblem, Reply, ReplyKind, Section
from evalbot.errors import CommandError
from evalbot.inputs.pairs import split_pairs
from evalbot.knowledge_base.loader import KnowledgeBase, load_knowledge
from evalbot.knowledge_base.locate import shipped_knowledge_dir
from evalbot.knowledge_base.models import (
    CalculatorCard,
    Checklist,
    Entry,
    SmalltalkCard,
    Template,
    Topic,
)
from evalbot.routing.grammar import Command, Tool, parse_command
from evalbot.routing.matcher import Matcher, Route
from evalbot.routing.router import Router
from evalbot.routing.names import resolve_name
from evalbot.routing.normalise import normalise, strip_slack
from evalbot.core.route_message import route_understood
from evalbot.understanding import understand
from evalbot.understanding.language import in_another_language

# Slack caps message text at 40,000 characters; anything longer is cut before routing.
MAX_INPUT_CHARS = 40_000
# Confidence reported when a sentence is answered as a calculation because it states all its inputs.
CALCULATION_CONFIDENCE = 0.9
# Another likely topic (at least this probability) whose best point fits the question at least this
# well, relative to the lead's best point, adds that point to the lead: "salary and vesting" touches both
# the negotiation card and the equity card.
SECOND_TOPIC_MIN = 0.03
SECOND_TOPIC_RELEVANCE = 0.8
# A declined question whose closest topic holds this much probability, and one of whose points fits it
# this well (twice the bar a lead point must clear), gets that point as what the guide says nearby.
NEARBY_TOPIC_CHANCE = 0.25
NEARBY_POINT_SCORE = 0.12
# Confidence of the help offered for a message that asks nothing ("test", "5"): a guess at what they want.
NOT_A_QUESTION_CONFIDENCE = 0.5


class Brain:
    """Answers messages from one knowledge base."""

    def __init__(self, *, knowledge: KnowledgeBase, router: Router | None = None):
        self.knowledge = knowledge
        self.router = router or Router(knowledge=knowledge)

    @property
    def matcher(self) -> Matcher:
        """The lexical matcher inside the router (its speller, ranking and thresholds)."""
        return self.router.matcher

    @classmethod
    def load(cls, *, overlay_dir: Path | None = None, cache_dir: Path | None = None) -> "Brain":
        """Load the knowledge base (and overlay) and build the matcher, or reuse a cached build.

        Args:
            overlay_dir: an organisation's knowledge folder laid over the shipped one.
            cache_dir: where a built copy is kept between runs; None builds afresh every time.
        """
        if cache_dir is None:
            return cls(knowledge=load_knowledge(overlay_dir))
        key = brain_cache.fingerprint([shipped_knowledge_dir(), *([overlay_dir] if overlay_dir else [])])
        cached = brain_cache.read(cache_dir, key)
        if cached is not None:
            knowledge, router = cached
            return cls(knowledge=knowledge, router=router)
        brain = cls(knowledge=load_knowledge(overlay_dir))
        brain_cache.write(cache_dir, key, brain.knowledge, brain.router)
        return brain

    def answer(self, text: str) -> Reply:
        """Answer one message; expected input problems come back as an error `Reply`."""
        try:
            return self._answer(text[:MAX_INPUT_CHARS])
        except CommandError as e:
            return problem_reply(e)

    def answer_intent(self, intent_id: str, *, args: dict[str, str] | None = None, question: str = "") -> Reply:
        """Answer a known intent directly (buttons, forms, follow-ups).

        Args:
            args: `key=value` inputs (calculators, templates).
            question: for a topic, the question its lead answers (a follow-up's); none shows the card as written.
        """
        entry = self.knowledge.get(intent_id)
        if entry is None:
            raise CommandError(f"I don't know `{intent_id}`.", example="topics")
        text = question if isinstance(entry, Topic) else ""
        try:
            return self._dispatch(entry, args=args or {}, text=text, confidence=1.0)
        except CommandError as e:
            return problem_reply(e)

    def answer_more(self, key: str) -> Reply:
        """The whole of a topic answer whose lead was shown first (Slack's "More" button sends `key`)."""
        try:
            intent_id, lead, offer = parse_more_key(key)
            topic = self.knowledge.get(intent_id)
            if not isinstance(topic, Topic):
                raise CommandError(f"I don't know `{intent_id}`.", example="topics")
            return answer_topic(topic, knowledge=self.knowledge, confidence=1.0, lead=lead, folded=False,
                                offers=offers_of_command(offer) if offer else [])
        except CommandError as e:
            return problem_reply(e)

    def _relevance(self, question: str, passages: list[str]) -> list[float]:
        """How well each passage answers `question`: shared words, plus shared meaning (see `blend_relevance`)."""
        # Meaning is read from the ask (already encoded to route it), not from a long post's story.
        ask = understand(question, speller=self.matcher.speller).ask or normalise(question)
        question, passages = normalise(question), [normalise(passage) for passage in passages]
        return blend_relevance(self.matcher.similarities(question, passages),
                               self.router.meaning_similarities(ask, passages))

    def command_of(self, text: str) -> Command | None:
        """The explicit command `text` gives (`roi cost=2M`, `checklist equity`, a tool named with inputs), or None.

        Raises:
            CommandError: one key given two different values.
        """
        return self._command(strip_slack(text[:MAX_INPUT_CHARS]))

    def route(self, text: str) -> Route | None:
        """How `text` is routed as a new question; None when it asks nothing (a lone number, a stray word)."""
        understood = understand(text[:MAX_INPUT_CHARS], speller=self.matcher.speller)
        return route_understood(understood, router=self.router, knowledge=self.knowledge)

    def _answer(self, text: str) -> Reply:
        stripped = strip_slack(text)
        if not normalise(stripped):
            return answer_help(self.knowledge)
        command = self._command(stripped)
        if command is not None:
            return self._run(command)
        if in_another_language(stripped):
            return answer_in_english()
        route = self.route(text)
        if route is None:
            return answer_help(self.knowledge, confidence=NOT_A_QUESTION_CONFIDENCE)
        # A sentence that states every input of a calculation is answered with the numbers.
        card = calculation_for(stripped, routed=route.intent, knowledge=self.knowledge)
        if card is not None:
            return self._dispatch(card, args={}, text=stripped, confidence=max(route.confidence, CALCULATION_CONFIDENCE))
        if route.out_of_scope:
            nearest = [c.intent for c in route.candidates if c.score >= self.matcher.thresholds.suggest]
            close = [c.intent for c in route.candidates if c.score >= NEARBY_TOPIC_CHANCE]
            return answer_out_of_scope(knowledge=self.knowledge, nearest=nearest, confidence=route.confidence,
                                       nearby=self._nearby_point(close, stripped))
        entry = self.knowledge.get(route.intent)
        assert entry is not None, route.intent
        # A calculator with the asker's own figures answers with them (naming any it could not use), even when
        # the router is torn between calculators: the figures make the reply checkable, unlike a wrong card.
        if route.unsure and not (isinstance(entry, CalculatorCard) and any(c.isdigit() for c in stripped)):
            return answer_unsure(route, knowledge=self.knowledge)
        reply = self._dispatch(entry, args={}, text=stripped, confidence=route.confidence)
        reply = self._touching_two_topics(reply, route, stripped)
        if route.ambiguous:
            reply = reply.model_copy(update={"did_you_mean": choices(list(route.alternatives), self.knowledge, limit=3)})
        return reply

    def _nearby_point(self, nearest: list[str], question: str) -> tuple[Topic, str] | None:
        """The closest topic's point that fits a declined question clearly (the lead test), if there is one."""
        topic = self.knowledge.get(nearest[0]) if nearest else None
        if not isinstance(topic, Topic) or not topic.points:
            return None
        scores = self._relevance(question, topic.points)
        best = max(range(len(scores)), key=scores.__getitem__)
        return (topic, topic.points[best]) if scores[best] >= NEARBY_POINT_SCORE else None

    def _touching_two_topics(self, reply: Reply, route: Route, question: str) -> Reply:
        """A led topic answer, plus the best point of another likely topic when the question touches it too.

        Another topic among the next candidates qualifies when it holds at least SECOND_TOPIC_MIN of
        the probability, has a point that answers the question better than its own summary (the test
        a lead passes), and that point fits at least SECOND_TOPIC_RELEVANCE as well as the lead does.
        """
        first = self.knowledge.get(reply.intent)
        # Only a specific question (its lead is points, not the summary) can touch a second card's point.
        if reply.kind is not ReplyKind.TOPIC or not reply.lead or not isinstance(first, Topic) \
                or reply.lead == first.summary.strip():
            return reply
        best_first = max(self._relevance(question, first.points))
        for candidate in route.candidates[1:3]:
            second = self.knowledge.get(candidate.intent)
            if not isinstance(second, Topic) or candidate.score < SECOND_TOPIC_MIN:
                continue
            scores = self._relevance(question, [second.summary, *second.points])
            lead = lead_points(second.points, scores=scores[1:], summary_score=scores[0])
            if lead and scores[1 + lead[0]] >= SECOND_TOPIC_RELEVANCE * best_first:
                joined = with_second_topic(reply, second, point=second.points[lead[0]])
                return joined if len(joined.lead) <= LEAD_CHARS else reply
        return reply

    def _command(self, stripped: str) -> Command | None:
        return parse_command(stripped) or self._named_with_inputs(stripped)

    def _named_with_inputs(self, text: str) -> Command | None:
        """`confidence interval accuracy=85% n=120`, `budget pitch template cost=2M`: a tool named in words.

        Only messages with `key=value` inputs qualify; the words around them must name a
        calculator or template closely enough for the matcher to pick it among those alone.
        """
        split = split_pairs(text)
        if not split.pairs or not normalise(split.rest):
            return None
        entry = self._best_of(split.rest, (CalculatorCard, Template))
        if isinstance(entry, CalculatorCard):
            return Command(tool=Tool.CALCULATOR, name=entry.id, args=split.pairs, rest=split.rest)
        if isinstance(entry, Template):
            return Command(tool=Tool.TEMPLATE, name=entry.id, args=split.pairs)
        return None

    def _best_of(self, text: str, kinds: tuple[type[Entry], ...]) -> Entry | None:
        """The best-ranked entry of the given kinds for `text`, if it clears the suggestion bar."""
        for candidate in self.matcher.rank(normalise(text), limit=len(self.knowledge.entries)):
            entry = self.knowledge.get(candidate.intent)
            if isinstance(entry, kinds):
                return entry if candidate.score >= self.matcher.thresholds.suggest else None
        return None

    def _run(self, command: Command) -> Reply:
        kb = self.knowledge
        if command.tool is Tool.HELP:
            return answer_help(kb)
        if command.tool is Tool.TOPICS:
            return answer_catalogue(kb)
        if command.tool is Tool.CALCULATOR:
            card = kb.get(command.name or "")
            if not isinstance(card, CalculatorCard):
                raise CommandError(f"`{command.name}` is not a calculator.", example="roi cost=2M benefit=10M")
            return self._dispatch(card, args=command.args, text=command.rest, confidence=1.0)
        kind = Template if command.tool is Tool.TEMPLATE else Checklist
        pool: list[Entry] = list(kb.templates if kind is Template else kb.checklists)
        short_names = [e.short_name for e in pool]
        example = f"{command.tool} {short_names[0]}" if short_names else None
        if not command.name:
            raise CommandError(f"Which {command.tool}? I have: {', '.join(short_names)}.", field="name", example=example)
        # A name ("bord-pitch") first; failing that, a description ("of what to bring to my promo meeting").
        exact = kb.get(command.name)  # only an entry of the kind asked for: `checklist negotiation` is not the topic
        entry = (exact if isinstance(exact, kind) else None) or resolve_name(command.name, pool) \
            or self._best_of(command.name, (kind,))
        if entry is None:
            raise CommandError(f"I have no {command.tool} called `{command.name}`. I have: {', '.join(short_names)}.",
                               field="name", example=example)
        return self._dispatch(entry, args=command.args, text="", confidence=1.0)

    def _dispatch(self, entry: Entry, *, args: dict[str, str], text: str, confidence: float) -> Reply:
        try:
            return self._handle(entry, args=args, text=text, confidence=confidence)
        except CommandError as e:
            return problem_reply(e, intent=entry.id)

    def _handle(self, entry: Entry, *, args: dict[str, str], text: str, confidence: float) -> Reply:
        kb = self.knowledge
        if isinstance(entry, Topic):
            lead = topic_lead(entry, question=text, relevance=self._relevance) if normalise(text) else None
            return answer_topic(entry, knowledge=kb, confidence=confidence, lead=lead,
                                offers=calculation_offers(text))
        if isinstance(entry, Checklist):
            return answer_checklist(entry, knowledge=kb, confidence=confidence)
        if isinstance(entry, Template):
            return answer_template(entry, args=args, text=text, knowledge=kb, confidence=confidence)
        if isinstance(entry, CalculatorCard):
            return answer_calculator(entry, args=args, text=text, knowledge=kb, confidence=confidence)
        if isinstance(entry, SmalltalkCard):
            return answer_smalltalk(entry, knowledge=kb, confidence=confidence)
        raise CommandError(f"`{entry.id}` cannot be answered directly.", example="help")


def problem_reply(error: CommandError, *, intent: str = "out-of-scope") -> Reply:
    """Present an expected input problem: what is wrong, which field, and an example."""
    lines = [error.message]
    if error.example:
        lines.append(f"For example: `{error.example}`")
    return Reply(
        intent=intent,
        kind=ReplyKind.ERROR,
        confidence=1.0,
        title=f"Check `{error.field}`" if error.field else "I couldn't use that input",
        sections=[Section(text="\n".join(lines))],
        problem=InputProblem(message=error.message, field=error.field, example=error.example),
    )
