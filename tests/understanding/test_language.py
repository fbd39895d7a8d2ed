"""Telling a message in another language from an English one with loan words."""

import pytest

from evalbot.understanding.language import in_another_language


@pytest.mark.parametrize(
    "text",
    [
        "¿Cómo presento el presupuesto de evaluación a la junta?",
        "Comment négocier mon salaire pour un poste de VP?",
        "Wie überzeuge ich den Vorstand von unserem Eval-Budget?",
        "Como posso negociar minha participação acionária?",
        "如何向董事会介绍评估预算？",
        "Как обосновать бюджет на оценку моделей?",
    ],
)
def test_other_languages_are_told(text):
    """Spanish, French, German, Portuguese, Chinese and Russian questions are recognised."""
    assert in_another_language(text)


@pytest.mark.parametrize(
    "text",
    [
        "how do I pitch the eval budget to the board?",
        "what can I negotiate in my equity?",
        "roi cost=2M incidents=10 incident_cost=1M",
        "our CEO José says the eval budget is too high, how do I defend it?",
        "I'm moving to Zürich for a VP role, what should I ask for in the offer?",
        "que sera sera: how do I stay calm before the board meeting?",
        "",
    ],
)
def test_english_with_names_and_loan_words_is_english(text):
    """Names, accents and a stray foreign word do not make a message foreign."""
    assert not in_another_language(text)


@pytest.mark.parametrize("text", ["eval team runs 1.6M per year, benefit about 9.6M per year",
                                  "come on, the budget is 2M per year and the son of the CEO runs QA"])
def test_english_words_shared_with_other_languages_do_not_count(text):
    """"per", "come", "son" and "budget" are English too; repeated, they still count once at most."""
    assert not in_another_language(text)
