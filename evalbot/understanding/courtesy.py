"""Greetings, thanks and sign-offs: the courtesy around a question, not the question.

"Hi! how do I push back on my boss?" is a question, and so is "...per year? thanks
in advance!". Courtesy is only dropped where it wraps something else: a message that
is nothing but a greeting or thanks is left whole, for the matcher's smalltalk cards.
"""

import re

# Courtesy is peeled a layer at a time ("Hi! Hey team, ..."); a few layers is all people write.
_MAX_ROUNDS = 3
# The most characters a closing ("thanks so much in advance for any help!!") takes at the end of a text.
_CLOSING_REACH = 120
_ADDRESSEES = r"(?:\s+(?:there|all|everyone|everybody|team|folks|guys|y'?all|friends|people|evalbot|bot|again))*"
# Openers that are greetings wherever they stand ("hi how do i..."): no punctuation needed.
_GREETING = re.compile(
    r"^(?:(?:hi|hello|hey|heya|hiya|howdy|yo|greetings|good\s+(?:morning|afternoon|evening|day))" + _ADDRESSEES
    + r"|(?:morning|evening|afternoon|dear\s+\w+)" + _ADDRESSEES + r"(?=\s*[,!.:;\-]))"
    r"(?:\s*[,!.:;\-]+\s*|\s+|$)"
)
_THANKS = (
    r"(?:(?:and\s+|many\s+|big\s+|a\s+(?:lot|ton|million)\s+)?(?:thanks|thank\s+(?:you|u)|thx|ty|tia|tysm)"
    r"(?:\s+(?:so\s+much|a\s+(?:lot|ton|bunch|million)|very\s+much|in\s+advance|again|all|everyone|guys|folks|team"
    r"|(?:for|in\s+advance\s+for)\s+(?:your|any|the|all)\s+(?:help|advice|time|input|thoughts|ideas|pointers|suggestions)))*)"
)
_HELP_NOUNS = r"(?:advice|help|thoughts|tips|input|pointers|suggestions|ideas|insights?|guidance|feedback|wisdom)"
_APPRECIATION = (
    r"(?:(?:any|all|your)\s+" + _HELP_NOUNS + r"(?:\s+(?:would\s+be|is|are|will\s+be))?"
    r"\s+(?:much\s+|greatly\s+|really\s+|very\s+|hugely\s+|truly\s+)?(?:appreciated|welcome|helpful)"
    r"|(?:i\s+|i'd\s+|(?:i\s+)?would\s+)?(?:really\s+|greatly\s+)?appreciate\s+(?:any|your|the|all)(?:\s+\w+)?\s+" + _HELP_NOUNS
    + r"|much\s+appreciated|appreciate\s+it|cheers)"
)
# Sign-offs that are also ordinary words ("best", "regards") count only after punctuation.
_SIGN_OFF = r"(?:(?:best|kind|warm|many)\s+)?regards|best(?:\s+wishes)?|cheers"
_CLOSING = re.compile(
    r"(?:^|[,.;:!?\-]\s*|\s+)(?:" + _THANKS + "|" + _APPRECIATION + r")[\s,.!:;)\-]*$"
    r"|(?:^|[,.;:!?\-]\s*)(?:" + _SIGN_OFF + r")[\s,.!:;)\-]*(?:\w+\.?)?$"
)
# A whole sentence of courtesy: greeting, thanks, appreciation, well-wishing or a reaction to an answer.
_COURTESY_SENTENCE = re.compile(
    r"^(?:" + _THANKS + "|" + _APPRECIATION + "|" + _SIGN_OFF
    + r"|hope\s+(?:you(?:'re|\s+are)|this\s+finds\s+you|all\s+is|everyone(?:'s|\s+is))(?:\s+(?:doing|keeping))?\s+well"
    r"|(?:sorry|apologies)\s+(?:to\s+bother(?:\s+you)?|for\s+the\s+(?:long|wall\s+of\s+text|ramble|length)(?:\s+post|\s+message)?)"
    r"|(?:great|awesome|perfect|nice(?:\s+one)?|cool|brilliant|legend|excellent|amazing|lovely|sweet|ok|okay|got\s+it"
    r"|makes\s+sense|(?:that|this)\s+(?:helped|helps)|(?:super|very|really)\s+helpful"
    r"|(?:that|this)(?:'s|\s+is|\s+was)\s+(?:really\s+|very\s+|super\s+)?(?:helpful|useful|great|perfect|exactly\s+what\s+i\s+needed)))"
    r"[\s,.!:;)\-]*$"
)


def is_courtesy(sentence: str) -> bool:
    """Whether a whole sentence is only a greeting, thanks, a sign-off or a reaction."""
    text = sentence.strip().lower()
    return bool(_COURTESY_SENTENCE.match(text) or (_GREETING.match(text) and not _GREETING.sub("", text, count=1).strip()))


def trim_courtesy(text: str) -> str:
    """`text` without the greeting before it and the thanks or sign-off after it (case kept)."""
    for _ in range(_MAX_ROUNDS):
        before = text
        opener = _GREETING.match(text.lower())
        if opener and opener.end() < len(text):
            text = text[opener.end():].lstrip()
        # A closing is a few words long: only the end of the text is searched for one.
        edge = max(0, len(text) - _CLOSING_REACH)
        closer = _CLOSING.search(text[edge:].lower())
        if closer and edge + closer.start() > 0:
            text = text[: edge + closer.start()].rstrip()
        if text == before:
            break
    return text
