"""Typo repair against the knowledge base's own words (features.Speller)."""

import pickle

import pytest

from evalbot.routing.features import Speller, repaired_stems


@pytest.fixture(scope="module")
def speller(brain):
    return brain.matcher.speller


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("bord", "board"),               # a dropped letter in a short word
        ("equty", "equity"),
        ("negotation", "negotiation"),   # repaired to the spelling the lexicon folds, not to a rarer typo
        ("neogtiation", "negotiation"),  # swapped letters
        ("compnesation", "compensation"),
        ("promotoin", "promotion"),
        ("buget", "budget"),             # a misspelling the lexicon itself lists is known, kept as typed
        ("budgett", "budget"),           # a doubled letter
        ("boarrd", "board"),
        ("stakehoders", "stakeholders"),
    ],
)
def test_typos_are_repaired_to_the_word_meant(speller, typed, meant):
    """A mistyped domain word comes back as the knowledge base spells it."""
    repaired = speller.repair(typed)
    assert repaired == (typed if typed == "buget" else meant)


@pytest.mark.parametrize(
    "word",
    ["cats", "vast", "majority", "leaky", "test", "clear", "reviewing", "snacks", "faucet", "asdfghjkl",
     "seen", "paying", "plant", "plane", "cause", "trick", "meant", "wondering", "suppose"],
)
def test_ordinary_and_unrepairable_words_are_left_alone(speller, word):
    """English words near a domain word ("cats"/"chats", "vast"/"vest") and nonsense stay as typed."""
    assert speller.repair(word) == word


@pytest.mark.parametrize("word", ["roi", "vp", "q3", "2m", "c-suite", "1on1"])
def test_short_and_non_alphabetic_words_are_never_repaired(speller, word):
    """Under four letters, or with digits and hyphens, every edit lands on another real token."""
    assert speller.repair(word) == word


def test_repair_text_keeps_spacing_and_known_words(speller):
    """Only the unknown words change; punctuation and known words are kept as they were."""
    assert speller.repair_text("tips for my bord pitch, and equty?") == "tips for my board pitch, and equity?"


def test_repaired_stems_fold_the_repair_through_the_lexicon(speller):
    """A repaired word is folded like a typed one: "negotation" -> negotiation -> negotiate."""
    assert repaired_stems("negotation tips", speller) == ["negotiate", "tips"]


@pytest.mark.parametrize(
    ("texts", "meant"),
    [(["planning " * 9, "planting " * 5], "planning"), (["planning " * 5, "planting " * 9], "planting")],
)
def test_ties_go_to_the_word_the_knowledge_base_uses_most(texts, meant):
    """"planing" is one letter from both "planning" and "planting": the more used one wins."""
    assert Speller(texts=texts).repair("planing") == meant


def test_a_speller_survives_pickling_with_a_working_cache(speller):
    """The routing index is cached by pickling; the copy repairs the same way."""
    copy = pickle.loads(pickle.dumps(speller))
    assert copy.repair("equty") == "equity"
