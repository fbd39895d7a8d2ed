"""The words that mark a message as a follow-up rather than a new question.

Every pattern here reads normalised text (`evalbot.routing.normalise`): lower case,
no `?` or `!`, single spaces.
"""

import re

# Openers that add nothing: "ok", "and", "so", "thanks,".
_OPENER = r"(?:(?:ok|okay|and|so|also|but|then|now|right|cool|great|thanks|hmm|yes|yeah|sure|please)\s+)*"
_ASK = r"(?:(?:can|could|would|will) you\s+|please\s+|pls\s+)?"
_PLEASE = r"(?:\s+please|\s+thanks)?"

SHORTER = re.compile(
    rf"^{_OPENER}{_ASK}(?:(?:make|keep|cut) (?:it|that|this)(?: down)?\s+|give me (?:the |a )?|just (?:the )?)?"
    r"(?:shorter|briefer|brief|more brief|(?:the )?short (?:version|answer)|tl ?dr|the gist|in short|"
    r"summar(?:y|ise|ize)(?: (?:it|that|this))?|(?:the )?key points|too long|less detail|shorten (?:it|that|this))"
    rf"(?: (?:version|answer))?{_PLEASE}$"
)
MORE = re.compile(
    rf"^{_OPENER}{_ASK}(?:(?:tell|show|give) me\s+)?"
    r"(?:more|(?:some )?more (?:detail|details|about (?:it|that|this)|on (?:it|that|this))|the rest|all of it|"
    r"everything|the (?:full|whole|long) (?:answer|version|card|thing)|full (?:answer|version)|(?:the )?details|"
    r"in (?:more )?detail|go on|keep going|continue|expand(?: on (?:it|that|this))?|elaborate|read more|see more)"
    rf"{_PLEASE}$"
)
# "what if it were 5 incidents", "and at 95% confidence", "what about 8%", "make it 3M".
WHAT_IF = re.compile(
    rf"^{_OPENER}(?:what if|what about|how about|and if|if|suppose|say|instead|make it|change|try|with|at|"
    r"only|just|using|use|for|over|in)\b"
)
# The lead-in of a follow-up about the same subject: "and what about", "how about", "and".
_LEAD_IN = re.compile(rf"^{_OPENER}(?:(?:what|how) about\s+|what if\s+|and\s+)*")
# A fragment that sets a condition on the last question rather than naming a new subject.
_CONDITION = re.compile(r"^(?:for|at|in|as|with|without|if|when|on|under|from|inside|during|after|before)\b")
# A bare condition ("for a startup") longer than this is a question of its own.
CONDITION_WORDS = 6
# Marked as a follow-up: an opener word, or "what about", or a condition.
_MARKED = re.compile(r"^(?:(?:and|also|but|so|then|ok|okay)\b|(?:what|how) about\b|what if\b)")


def fragment(text: str) -> str:
    """`text` without its follow-up lead-in: "and what about the exercise window" -> "the exercise window"."""
    return _LEAD_IN.sub("", text).strip()


def is_marked(text: str) -> bool:
    """Worded as a follow-up ("and …", "what about …", "what if …")."""
    return bool(_MARKED.match(text))


def is_condition(text: str) -> bool:
    """A follow-up that qualifies the last question ("and for a startup", "what about at a big company")."""
    rest = fragment(text)
    if rest != text:  # "and for a startup", "what about at a big company"
        return bool(_CONDITION.match(rest))
    return bool(_CONDITION.match(text)) and word_count(text) <= CONDITION_WORDS  # "for a startup"


def word_count(text: str) -> int:
    return len(text.split())
