"""Sentences, and which of them ask something."""

import re

# A sentence ends at . ? ! (or a run of them) before a space, or at a line break. A full stop
# inside a figure ("$1.5M") or an abbreviation followed by a lower-case word ("e.g. the") does not end one.
# Every branch starts at a fixed character, so a long run of spaces is scanned once, not once per space.
_BOUNDARY = re.compile(r"(?<=[?!])\s+|(?<=\.)\s+(?=[A-Z\"'(])|\n\s*")
_QUESTION_OPENER = re.compile(
    r"^(?:so|and|but|also|ok|okay|basically|honestly|anyway|now|then|my\s+question(?:\s+is)?|question|q)?[\s,:]*"
    r"(?:how|what|what's|whats|which|when|where|why|who|whom|whose|should|shall|can|could|would|will|is|are|am|do|does"
    r"|did|has|have|was|were|may|might|any|anyone|anybody|is\s+there|are\s+there)\b"
)
_ASK_PHRASE = re.compile(
    r"\b(?:(?:any|looking\s+for|need|want|seeking|would\s+love|appreciate|welcome|hoping\s+for|recommend)\s+(?:some\s+|your\s+)?"
    r"(?:advice|tips|help|ideas|thoughts|suggestions|guidance|pointers|input|recommendations)"
    r"|how\s+(?:do|can|should|would|to)\s+(?:i|we|you)?|what\s+(?:should|would|do|can)\s+(?:i|we)"
    r"|(?:wondering|curious|unsure|not\s+sure|trying\s+to\s+(?:figure|decide|work)\s+out)\s+(?:if|whether|how|what|when|why|which)"
    r"|help\s+me|advice\s+(?:on|about|for)|tips\s+(?:on|for)|thoughts\s+on|ideas\s+(?:on|for)|is\s+it\s+(?:worth|wise|normal|ok|okay|smart|better))\b"
)
_REQUEST = re.compile(
    r"^(?:(?:please|pls|plz|can\s+you|could\s+you|would\s+you|i\s+need\s+you\s+to)\s+)?"
    r"(?:draft|write|give|list|tell|explain|show|calculate|compute|suggest|recommend|walk\s+me|help)\b"
)


def split_sentences(text: str) -> list[str]:
    """The sentences of a message, in order, without empty ones."""
    return [sentence.strip() for sentence in _BOUNDARY.split(text) if sentence and sentence.strip()]


def is_ask(sentence: str) -> bool:
    """Whether a sentence asks something: a question, a request, or a plea for advice."""
    text = sentence.strip().lower()
    return (
        text.endswith("?")
        or bool(_QUESTION_OPENER.match(text) or _REQUEST.match(text) or _ASK_PHRASE.search(text))
    )
