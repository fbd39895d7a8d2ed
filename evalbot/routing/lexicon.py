"""Words: stop words, a synonym and abbreviation lexicon, and a light stemmer.

The lexicon folds the many ways people name one idea in Slack ("comp", "pay",
"salary") onto one token, so the matcher needs no example for every spelling.
It is written from the domain, not from any test set.
"""

import re
from functools import lru_cache

STOPWORDS = frozenset(
    """a an the and or but if of to in on at for from by with about into over under as is are was were be
    been being am do does did doing have has had having i me my mine we us our ours you your yours he she
    it its they them their this that these those there here what which who whom whose when where why how
    can could should would will shall may might must just so than then too very really also any some
    all each every more most much many few own same other such only not no nor yes ok okay pls please plz
    tell give show want need get got know let lets let's like im i'm ive
    i've id i'd dont don't does doesnt doesn't whats what's hows how's theres there's up out off again
    one two way thing things stuff kind sort bit lot lots go going gonna wanna gotta quick quickly
    anyone someone something anything actually basically maybe still even ever right now today guys
    sure till until til
    """.split()
)

# Multi-word phrases first (applied to the normalised text), then single words.
PHRASES: dict[str, str] = {
    "c suite": "csuite",
    "c-suite": "csuite",
    "c level": "csuite",
    "c-level": "csuite",
    "chief ai officer": "csuite cao",
    "chief ai quality officer": "csuite caio",
    "chief eval officer": "csuite caio",
    "chief evaluation officer": "csuite caio",
    "vice president": "vp",
    "head of": "vp",
    "net present value": "npv",
    "return on investment": "roi",
    "confidence interval": "ci",
    "error bar": "ci",
    "error bars": "ci",
    "margin of error": "ci",
    "m&a": "acquisition",
    "m & a": "acquisition",
    "m and a": "acquisition",
    "due diligence": "acquisition diligence",
    "board of directors": "board",
    "one on one": "1on1",
    "one-on-one": "1on1",
    "1:1": "1on1",
    "1-1": "1on1",
    "p&l": "pnl",
    "p & l": "pnl",
    "head count": "headcount",
    # Getting people behind a plan, not the "buy" of build-versus-buy.
    "buy in": "buyin",
    "buy into": "buyin",
    "on board": "buyin",
    # Wanting to be something is doubt or ambition about a role; without the phrase a question such
    # as "do i even want to be caio" would shrink to the role's bare name.
    "want to be": "aspire",
    "wanna be": "aspire",
    # "react" beside "to", "when" or a person is a verb, not the JavaScript library the IT cards know.
    "react to": "respond to",
    "react when": "respond when",
    "react if": "respond if",
    "i react": "i respond",
    "we react": "we respond",
    "to react": "to respond",
    # Asking whether one wants something at all is doubt about it.
    "do i want": "doubt",
    "do i even want": "doubt",
    "do i really want": "doubt",
    "do i actually want": "doubt",
    "do i truly want": "doubt",
    "not sure i want": "doubt",
    "not sure if i want": "doubt",
    "dont know if i want": "doubt",
    "don't know if i want": "doubt",
    "business case": "businesscase",
    "track record": "trackrecord",
    "exercise window": "exercise window",
    "thank you": "thanks",
    # "how sure" asks about certainty; "sure" alone is everyday talk ("not sure", "make sure") and a stop word.
    "how sure": "certainty",
    # "up" is a stop word: without the phrase, "managing up" would shrink to "manage", the word of any manager.
    "manage up": "manage manageup",
    "managing up": "manage manageup",
    "manages up": "manage manageup",
    "managed up": "manage manageup",
    # Becoming a manager is a career step, not managing one's own boss.
    "into management": "management transition",
    "management track": "management transition",
    "management path": "management transition",
    "management route": "management transition",
    "good morning": "hello",
    "good afternoon": "hello",
}

SYNONYMS: dict[str, str] = {
    # pay
    "comp": "compensation", "salary": "compensation", "salaries": "compensation", "pay": "compensation",
    "paid": "compensation", "wage": "compensation", "wages": "compensation", "earn": "compensation",
    "earning": "compensation", "earnings": "compensation", "tc": "compensation", "remuneration": "compensation",
    "underpaid": "compensation", "overpaid": "compensation",
    # board
    "directors": "board", "boards": "board", "bod": "board", "trustees": "board",
    # negotiation
    "neg": "negotiate", "nego": "negotiate", "negotiation": "negotiate", "negotiating": "negotiate",
    "negotiations": "negotiate", "haggle": "negotiate", "haggling": "negotiate", "counteroffer": "negotiate",
    "counter": "negotiate", "bargain": "negotiate", "leverage": "negotiate",
    # equity
    "rsu": "equity", "rsus": "equity", "options": "equity", "stock": "equity", "shares": "equity",
    "vesting": "vest", "vested": "vest", "cliff": "vest", "refresher": "reload", "refreshers": "reload",
    # eval
    "evals": "eval", "evaluation": "eval", "evaluations": "eval", "evaluating": "eval", "evaluate": "eval",
    # roles
    "svp": "vp", "vps": "vp", "evp": "vp", "caio": "csuite caio", "cao": "csuite cao", "cxo": "csuite",
    "ceo": "csuite", "cto": "csuite", "coo": "csuite", "cfo": "cfo",
    "mgr": "manager", "boss": "manager", "supervisor": "manager", "skip-level": "manager",
    "exec": "executive", "execs": "executive", "executives": "executive", "leadership": "executive",
    "senior": "senior", "sr": "senior",
    # money
    "funding": "budget", "funds": "budget", "budgets": "budget", "buget": "budget", "budjet": "budget",
    "capex": "budget", "opex": "budget",
    "kpi": "kpi", "kpis": "kpi", "okr": "kpi", "okrs": "kpi",
    "promo": "promotion", "promoted": "promotion", "promote": "promotion", "promotions": "promotion",
    "hire": "hiring", "hires": "hiring", "recruit": "hiring", "recruiting": "hiring", "recruitment": "hiring",
    "retain": "retention", "retaining": "retention", "attrition": "retention",
    "pitching": "pitch", "pitches": "pitch", "deck": "pitch", "slides": "pitch",
    "politics": "political", "politic": "political",
    "grateful": "thanks", "ty": "thanks", "thx": "thanks", "tysm": "thanks", "cheers": "thanks", "appreciated": "thanks",
    "hiya": "hello", "howdy": "hello", "yo": "hello", "heya": "hello", "morning": "hello",
    "acquire": "acquisition", "acquiring": "acquisition", "acquirer": "acquisition", "acquirers": "acquisition",
    "merger": "acquisition", "mergers": "acquisition", "buyout": "acquisition",
    "buy-in": "buyin",
    "memo": "writing", "memos": "writing", "emails": "email",
    "checklists": "checklist", "todo": "checklist", "to-do": "checklist", "steps": "checklist",
    "templates": "template", "draft": "template", "drafts": "template", "boilerplate": "template",
}

_SUFFIXES = ("ational", "ations", "ation", "ments", "ment", "ings", "ing", "ions", "ion", "ness", "ities",
             "ity", "ies", "ers", "er", "ed", "es", "ly", "s")
_TOKEN = re.compile(r"[a-z0-9][a-z0-9&'\-]*")


@lru_cache(maxsize=16384)
def stem(word: str) -> str:
    """Strip one common English suffix; keeps at least four letters so short words survive."""
    if len(word) <= 4 or not word.isalpha():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


_PHRASE = re.compile(
    r"(?<![a-z0-9])(" + "|".join(re.escape(p) for p in sorted(PHRASES, key=len, reverse=True)) + r")(?![a-z0-9])"
)


def _apply_phrases(text: str) -> str:
    return _PHRASE.sub(lambda match: f" {PHRASES[match.group(1)]} ", text)


# Words whose sense depends on the words around them. "ci" is a confidence interval, except
# beside a build pipeline; "directors" are the board, except as a job title ("eng directors",
# "directors of product", "directors and vps").
_BUILD_CONTEXT = re.compile(
    r"(?<![a-z0-9])(?:pipelines?|builds?|jobs?|runners?|red|green|flaky|failing|fails|failed|broken|passing|"
    r"merges?|merging|deploys?|deployments?|jenkins|actions|github|gitlab|circleci|workflows?|lint|commits?|pr|prs|"
    r"pull requests?|branch|branches|cd|docker|unit tests?|test suite)(?![a-z0-9])"
)
_CI = re.compile(r"(?<![a-z0-9])ci(?:\s*/\s*cd|\s+cd)?(?![a-z0-9])")
_DIRECTORS = re.compile(r"(?<![a-z0-9])directors(?![a-z0-9])")
# Words beside "directors" that make it a job title: "eng directors", "vps and directors",
# "directors of product", "directors and vps", "directors level".
_TITLE_BEFORE = frozenset(
    "eng engineering eval ai ml product research senior sr associate fellow other peer data program technical quality"
    .split()
)
_TITLE_PAIRS_BEFORE = frozenset({("vps", "and"), ("vps", "or"), ("managers", "and")})
_TITLE_AFTER = frozenset({("and", "vps"), ("or", "vps"), ("and", "managers")})
_TITLE_WORD_AFTER = frozenset({"level", "get"})


def _titled_directors(text: str) -> str:
    """`text` with "directors" meant as a job title written "director", which the lexicon leaves alone."""
    def sense(match: re.Match) -> str:
        before = tuple(text[max(0, match.start() - 30): match.start()].split()[-2:])
        after = tuple(text[match.end(): match.end() + 30].split()[:2])
        last, following = (before[-1] if before else ""), (after[0] if after else "")
        titled = (
            last in _TITLE_BEFORE
            or before in _TITLE_PAIRS_BEFORE
            or after in _TITLE_AFTER
            or following in _TITLE_WORD_AFTER
            or (following == "of" and after[1:] != ("the",) and before != ("board", "of"))
        )
        return "director" if titled else "directors"
    return _DIRECTORS.sub(sense, text)


def _resolve_senses(text: str) -> str:
    if "ci" in text and _BUILD_CONTEXT.search(text):
        text = _CI.sub("cicd", text)
    if "directors" in text:
        text = _titled_directors(text)
    return text


@lru_cache(maxsize=4096)
def content_words(text: str) -> tuple[str, ...]:
    """Canonical content words of normalised `text`, before stemming: phrases and synonyms folded.

    Cached: routing one message asks for the same words several times.
    """
    words: list[str] = []
    for raw in _TOKEN.findall(_apply_phrases(_resolve_senses(text))):
        raw = raw.strip("'-")
        # "board-pitch" is two words, unless the lexicon knows the compound ("to-do").
        parts = [raw] if raw in SYNONYMS else raw.split("-")
        for part in parts:
            for word in SYNONYMS.get(part, part).split():
                if word and word not in STOPWORDS:
                    words.append(word)
    return tuple(words)


def surface_words(text: str) -> list[str]:
    """The words of normalised `text` as typed: no phrase or synonym folding, stop words kept."""
    return [part for raw in _TOKEN.findall(text) for part in raw.strip("'-").split("-") if part]


def lexicon_words() -> set[str]:
    """Every word the lexicon itself names: its stop words and both sides of its phrases and synonyms."""
    texts = [*STOPWORDS, *PHRASES, *PHRASES.values(), *SYNONYMS, *SYNONYMS.values()]
    return {word for text in texts for word in surface_words(text)}


# Words that ask for a kind of answer rather than a subject: a list to work
# through, or a draft to send. Without them, a checklist or template is a less
# likely reading than the topic it shares words with. A request that opens with
# a verb ("write the board update", "list the steps") is a cue too. The word
# lists were chosen by cross-validation (scripts/calibrate-thresholds' method):
# narrower lists that spare advice questions ("how do I write for execs") lost
# more than they won.
CHECKLIST_CUES = frozenset(
    "checklist list lists prep preparation tick items todo readiness before ready bring prepare step".split()
)
TEMPLATE_CUES = frozenset(
    "template script wording paste fill boilerplate writeup email message note memo letter outline send text write writ"
    .split()
)
_REQUEST_OPENERS = re.compile(
    r"^(?:(?:pls|please|can you|could you|would you|help me|i need you to|quick)\s+)*"
    r"(?:write|draft|compose|prepare|create|put together|give me|make me|make|send|email|generate|help me write)\b"
)
_LIST_OPENERS = re.compile(r"^(?:(?:pls|please|can you|could you|quick)\s+)*(?:list|give me a list|give me the steps|steps)\b")


# A calculator answers a calculation: figures in the message, or words asking for one. Without
# them ("headcount", "is eval worth the money") a topic sharing its words is the likelier reading.
CALCULATION = "calculation"
CALCULATION_CUES = frozenset(
    """cost costs calculate calculator calc compute math maths number numbers figure figures estimate
    roi npv ci certainty interval payback return returns discount percent accuracy sample samples much many
    worth spend multiple""".split()
)
_FIGURE = re.compile(r"\d")


def asked_kinds(text: str) -> frozenset[str]:
    """Which kinds of answer normalised `text` asks for: any of "checklist", "template" and `CALCULATION`."""
    words = set(content_words(text))
    kinds = {CALCULATION} if _FIGURE.search(text) or words & CALCULATION_CUES or "how much" in text else set()
    if words & CHECKLIST_CUES or _LIST_OPENERS.match(text):
        kinds.add("checklist")
    if words & TEMPLATE_CUES or (_REQUEST_OPENERS.match(text) and "checklist" not in kinds):
        kinds.add("template")
    return frozenset(kinds)
