"""The brain finds the ask before routing: courtesy around a question, long posts, non-questions."""

import pytest


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Hi! what should I ask for on vesting and reload grants?", "equity-negotiation"),
        ("what's a typical eval team budget? thanks in advance!", "eval-budget"),
        ("How do I pitch eval to the board? Any advice appreciated!", "board-pitch"),
        ("hey evalbot, what kpis should a head of eval track, cheers", "vp-kpis"),
    ],
)
def test_a_question_wrapped_in_courtesy_is_answered_as_the_question(brain, text, intent):
    """Greetings before and thanks after a question no longer turn it into smalltalk."""
    assert brain.answer(text).intent == intent


@pytest.mark.parametrize(("text", "intent"), [("hi", "greeting"), ("Thanks so much!", "thanks"), ("hey there. thanks!", "thanks")])
def test_a_message_of_only_courtesy_stays_smalltalk(brain, text, intent):
    """Nothing but a greeting or thanks is answered as one."""
    assert brain.answer(text).intent == intent


@pytest.mark.parametrize("text", ["exit", "clear", "test", "5", "42", "quit"])
def test_a_lone_word_or_number_that_names_nothing_gets_help(brain, text):
    """A word that is not one of our names is not a topic: the answer is help, at middling confidence."""
    reply = brain.answer(text)
    assert (reply.intent, reply.confidence) == ("help", 0.5)


@pytest.mark.parametrize(("text", "intent"), [("equity", "equity-negotiation"), ("equty", "equity-negotiation"),
                                              ("kpis", "vp-kpis"), ("sup", "greeting"), ("thx", "thanks")])
def test_a_lone_word_that_names_an_entry_or_is_smalltalk_is_answered(brain, text, intent):
    """One word is enough when it is a name (typo repaired) or smalltalk."""
    assert brain.answer(text).intent == intent


def test_a_lone_word_from_someone_elses_topic_stays_out_of_scope(brain):
    """A single word the negative cards know is turned away, not offered help."""
    assert brain.answer("asdfghjkl").intent == "out-of-scope"


def test_a_long_post_is_answered_on_its_ask(brain):
    """The story mentions a manager and peers; the ask is about timing the promotion."""
    post = ("I've been a senior eval engineer for six years and lead most of our benchmark work. "
            "My manager praises the results but my title never changes. Two peers were promoted last cycle. "
            "When is the right moment to ask for the VP promotion, or should I look elsewhere?")
    assert brain.answer(post).intent in {"career-timing", "promotion-conversation"}


def test_a_long_post_whose_ask_says_little_falls_back_on_the_story(brain):
    """"What should I do?" names no topic: the post around it decides."""
    post = ("We got an acquisition offer last month. The buyer's team keeps asking about our model quality "
            "processes and how we test releases. Our valuation may depend on it. What should I do?")
    reply = brain.answer(post)
    assert reply.intent == "m-and-a"


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("are you sure", "confidence-interval"),
        ("the CI is red again", "confidence-interval"),
        ("headcount", "team-cost"),
        ("should I go into management", "managing-up"),
        ("do i even want to be CAIO", "c-suite-path"),
    ],
)
def test_ordinary_words_no_longer_collide_with_our_vocabulary(brain, text, wrong):
    """"sure", a build's CI, a bare "headcount", going into management, and doubt about a role."""
    assert brain.answer(text).intent != wrong


@pytest.mark.parametrize("text", ["¿Cómo presento el presupuesto de evaluación a la junta?",
                                  "Wie überzeuge ich den Vorstand von unserem Eval-Budget?"])
def test_a_question_in_another_language_is_told_evalbot_answers_in_english(brain, text):
    """Not "not something I cover": a plain line that evalbot answers in English, with an example."""
    reply = brain.answer(text)
    assert reply.intent == "out-of-scope" and reply.title == "I answer in English"
    assert "ask again in English" in reply.sections[0].text


@pytest.mark.parametrize("text", ["Good catch, thanks!", "perfect, that helped a lot, thank you"])
def test_a_thank_you_inside_a_longer_line_is_smalltalk(brain, text):
    """Thanks wrapped in a remark is still thanks, not a question."""
    assert brain.answer(text).intent == "thanks"
