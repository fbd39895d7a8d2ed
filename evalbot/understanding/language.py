"""Telling a message written in another language, so evalbot can say it answers in English.

Two signs, either enough: most letters are outside the Latin script (Chinese, Cyrillic,
Arabic, ...), or the message leans on another language's everyday words ("cómo", "pour",
"nicht") more than on English ones. Loan words and names ("ROI", "equity", "Zürich") are
not enough: it takes at least FOREIGN_WORDS different ones.
"""

import re
import unicodedata

FOREIGN_WORDS = 2
NON_LATIN_SHARE = 0.3
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Everyday words of Spanish, French, German, Portuguese, Italian and Dutch that English does not use.
# Words that are also English ("per", "come", "die", "son", "budget") are left out on purpose.
_OTHER = frozenset(
    """cómo como qué que cuál cuánto cuando dónde por para una los las nuestro nuestra puedo debo
    hola gracias presupuesto junta equipo negociar sueldo pregunta ayuda está
    comment quoi quel quelle pourquoi pour avec une les des mes notre nous vous je suis est sont peux
    dois bonjour merci équipe conseil salaire aide
    wie warum welche wann für und ein eine der das dem ich wir sie ist sind kann muss nicht
    danke vorstand gehalt hilfe
    quando onde porque voce você não nao uma meu minha nosso nossa posso devo olá obrigado orçamento
    perché quale quanto il gli della mio nostro grazie
    hoe waarom welke wanneer waar voor een het ik wij jij niet moet bedankt""".split()
)
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
    other = len({w for w in words if w in _OTHER})
    english = sum(w in _ENGLISH for w in words)
    return other >= FOREIGN_WORDS and other > english
