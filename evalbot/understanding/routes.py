"""Routing what a message asks: the ask first, a long post's whole text as the weaker signal."""

from typing import TYPE_CHECKING

from evalbot.knowledge_base.loader import KnowledgeBase
from evalbot.knowledge_base.models import SmalltalkCard
from evalbot.routing.lexicon import content_words
from evalbot.routing.matcher import Route
from evalbot.understanding.reading import Reading, Understanding

if TYPE_CHECKING:  # the router reads messages with `understand`, so it is imported for types only
    from evalbot.routing.router import Router

# An ask this sure of its topic stands even when the post around it reads as someone else's.
SURE_ASK = 0.8
# An ask with fewer subject words than this ("how do I handle this situation?") says too little on its own.
MIN_ASK_WORDS = 2
# Words that ask for help without naming what it is about.
ASKING_WORDS = frozenset(
    """advice advise tips tip help suggest suggestions suggestion ideas idea thoughts thought input pointers guidance
    recommend recommendations handle approach situation deal begin start best way ways take think feel wondering
    curious question questions opinion consider decide decision do make""".split()
)


def route_understood(understood: Understanding, *, router: "Router", knowledge: KnowledgeBase) -> Route | None:
    """The route for a message as understood; None when it asks nothing (a lone number, a word naming nothing).

    A lone word is answered only when it names an entry, is smalltalk ("hi", "thx") or is
    plainly someone else's topic: `exit` or `test` is not a question about ours. A long post
    is routed on its ask; the whole post decides when the ask says too little, breaks a near
    tie between the ask's candidates, and turns a post away when it is about something else
    and the ask is not sure of itself.
    """
    if understood.reading is Reading.NO_WORDS:
        return None
    if understood.reading is Reading.LONE_WORD:
        # One word is too little for sentence embeddings: the lexical names and negatives decide.
        route = router.matcher.route(understood.ask)
        answerable = router.matcher.is_name(understood.ask) or _smalltalk(route, knowledge) or route.out_of_scope
        return route if answerable else None
    route = router.route(understood.ask)
    if not understood.context:
        return route
    post = router.route(understood.context)
    weak_ask = route.out_of_scope or _smalltalk(route, knowledge) or _subject_words(understood.ask) < MIN_ASK_WORDS
    if post.out_of_scope:
        return route if not weak_ask and route.confidence >= SURE_ASK else post
    if weak_ask:
        return post
    near_tie = post.intent in {route.intent, *route.alternatives}
    # With calibrated confidences: an unsure ask gives way to a sure post that agrees with one of its candidates.
    surer_post = route.confidence < SURE_ASK <= post.confidence and post.intent in {c.intent for c in route.candidates}
    return post if near_tie or surer_post else route


def _subject_words(ask: str) -> int:
    """How many words of an ask name a subject, not counting the words of asking for help ("any advice?")."""
    return sum(1 for word in content_words(ask) if word not in ASKING_WORDS)


def _smalltalk(route: Route, knowledge: KnowledgeBase) -> bool:
    return isinstance(knowledge.get(route.intent), SmalltalkCard)
