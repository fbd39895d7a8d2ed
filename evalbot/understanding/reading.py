"""`understand`: what a message asks, ready for the matcher."""

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from evalbot.routing.lexicon import content_words
from evalbot.routing.normalise import normalise, strip_slack
from evalbot.understanding.courtesy import is_courtesy, trim_courtesy
from evalbot.understanding.sentences import is_ask, split_sentences

# A post of this many sentences (or this many words over two or more) is a story with an ask in it.
LONG_POST_SENTENCES = 3
LONG_POST_WORDS = 40
# The ask of a long post is its last question sentences, at most this many.
ASK_SENTENCES = 2


class Repairer(Protocol):
    """What understanding needs from the routing index: its typo repair."""

    def repair_text(self, text: str) -> str: ...


class Reading(StrEnum):
    ASK = "ask"                  # route `ask`; a long post's `context` is the fallback
    COURTESY = "courtesy"        # only a greeting, thanks or sign-off: route the whole message as it is
    LONE_WORD = "lone-word"      # one word: it names a topic, or it is not a question
    NO_WORDS = "no-words"        # figures and symbols only ("5", "???"): nothing to route


@dataclass(frozen=True, kw_only=True)
class Understanding:
    """A message read for routing.

    Attributes:
        reading: what kind of message it is.
        ask: the normalised, typo-repaired words to route first.
        context: for a long post, the whole post (normalised, repaired) to fall back on; else "".
    """

    reading: Reading
    ask: str
    context: str = ""


def understand(text: str, *, speller: Repairer) -> Understanding:
    """Read one message as typed; its line breaks help to tell its sentences apart."""
    if not normalise(text):
        return Understanding(reading=Reading.NO_WORDS, ask="")
    sentences = [strip_slack(s) for s in split_sentences(text)]
    sentences = [s for s in sentences if not is_courtesy(s)]
    if sentences:
        sentences[0] = trim_courtesy(sentences[0])
        sentences[-1] = trim_courtesy(sentences[-1])
    sentences = [s for s in sentences if normalise(s) and not is_courtesy(s)]
    if not sentences:
        return Understanding(reading=Reading.COURTESY, ask=normalise(text))
    whole = speller.repair_text(normalise(" ".join(sentences)))
    if not any(character.isalpha() for character in whole):
        return Understanding(reading=Reading.NO_WORDS, ask=whole)
    if len(whole.split()) == 1 or (len(content_words(whole)) == 1 and len(whole.split()) <= 2):
        return Understanding(reading=Reading.LONE_WORD, ask=whole)
    if len(sentences) < LONG_POST_SENTENCES and not (len(sentences) > 1 and len(whole.split()) >= LONG_POST_WORDS):
        return Understanding(reading=Reading.ASK, ask=whole)
    asks = [s for s in sentences if is_ask(s)]
    if not asks:
        return Understanding(reading=Reading.ASK, ask=whole)
    # A forum post's first line is its title, and a title that asks is the question in brief.
    asks = [asks[0], asks[-1]] if asks[0] is sentences[0] and len(asks) > 1 else asks[-ASK_SENTENCES:]
    return Understanding(reading=Reading.ASK, ask=speller.repair_text(normalise(" ".join(asks))), context=whole)
