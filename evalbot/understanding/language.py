"""Telling a message written in another language, so evalbot can say it answers in English.

Two signs, either enough: most letters are outside the Latin script (Chinese, Cyrillic,
Arabic, ...), or the message leans on another language's everyday words ("cómo", "pour",
"nicht") more than on English ones. Loan words and names ("ROI", "equity", "Zürich") are
not enough: it takes at least FOREIGN_WORDS of them.
"""

import re
import unicodedata

FOREIGN_WORDS = 2
NON_LATIN_SHARE = 0.3
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Everyday words of Spanish, French, German, Portuguese, Italian and Dutch that English does not use.
_OTHER = frozenset(
    """cómo como qué que cuál cuánto cuando dónde por para con una los las del mi mis nuestro nuestra puedo debo
    hola gracias presupuesto junta equipo negociar sueldo pregunta ayuda es está son
    comment quoi quel quelle pourquoi pour avec une les des du mon ma mes notre nous vous je suis est sont peux
    dois bonjour merci budget équipe conseil salaire aide
    wie was warum welche wann wo für mit und ein eine der die das den dem ich wir sie ist sind kann muss nicht
    hallo danke vorstand gehalt hilfe
    como quando onde porque voce você não nao uma com meu minha nosso nossa posso devo olá obrigado orçamento
    come perché quale quanto dove per con una il gli della mio mia nostro posso devo ciao grazie
    hoe wat waarom welke wanneer waar voor met een het ik wij jij niet kan moet hallo bedankt""".split()
) - frozenset("a an the is are was for with on in to of and or but how what why when where who can i we you".split())
_ENGLISH = frozenset(
    """the a an is are was were be to of and or but how what why when where who which can could should would do
    does did i we you my our your me us it this that for with on in at from about have has""".split()
)


def _non_latin_share(letters: list[str]) -> float:
    if not letters:
        return 0.0
    foreign = sum(1 for c in letters if "LATIN" not in unicodedata.name(c, "LATIN"))
    return foreign / len(letters)


def in_another_language(text: str) -> bool:
    """Whether `text` is plainly written in a language other than English."""
    letters = [c for c in text if c.isalpha()]
    if _non_latin_share(letters) >= NON_LATIN_SHARE:
        return True
    words = [w.lower() for w in _WORD.findall(text)]
    other = sum(w in _OTHER for w in words)
    english = sum(w in _ENGLISH for w in words)
    return other >= FOREIGN_WORDS and other > english
