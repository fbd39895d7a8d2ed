"""Routing a message once its ask is found: the brain reads first (`understand`), then routes.

Understanding runs before routing and apart from it, so the router never imports it.
"""

from evalbot.knowledge_base.loader import KnowledgeBase
from evalbot.knowledge_base.models import SmalltalkCard
from evalbot.routing.matcher import Route
from evalbot.routing.router import Router
from evalbot.understanding.reading import Reading, Understanding


def route_understood(understood: Understanding, *, router: Router, knowledge: KnowledgeBase) -> Route | None:
    """The route for a message as understood; None when it asks nothing (a lone number, a word naming nothing).

    A lone word is answered only when it names an entry, is smalltalk ("hi", "thx") or is
    plainly someone else's topic: `exit` or `test` is not a question about ours. Anything
    longer is routed on its ask and its whole text together (the router's encoder reads both).
    """
    if understood.reading is Reading.NO_WORDS:
        return None
    if understood.reading is Reading.LONE_WORD:
        # One word is too little for sentence embeddings: the lexical names and negatives decide.
        route = router.matcher.route(understood.ask)
        answerable = router.matcher.is_name(understood.ask) or _smalltalk(route, knowledge) or route.out_of_scope
        return route if answerable else None
    return router.route(understood.ask, whole=understood.context or understood.ask)


def _smalltalk(route: Route, knowledge: KnowledgeBase) -> bool:
    return isinstance(knowledge.get(route.intent), SmalltalkCard)
