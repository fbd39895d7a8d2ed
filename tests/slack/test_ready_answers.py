"""Answers kept ready for repeated questions: the same message, the brain run once, bounded, failures never kept."""

import copy
import json
import logging
from concurrent.futures import ThreadPoolExecutor

import pytest
from slack_fakes import event_callback, mention, slash_command
from slack_harness import body_json

from evalbot.core.brain import Brain
from evalbot.rendering.share import SHARE_ACTION
from evalbot.slack.ready_answers import MAX_TEXT_CHARS, ReadyAnswers


class CountingBrain:
    """A real brain that counts the texts it answers, and can be told to fail on some."""

    def __init__(self, brain: Brain, *, failing: set[str] = frozenset()):
        self.brain, self.failing, self.asked = brain, set(failing), []

    def answer(self, text: str):
        self.asked.append(text)
        if text in self.failing:
            raise RuntimeError("the brain broke")
        return self.brain.answer(text)


@pytest.fixture()
def counting(brain) -> CountingBrain:
    return CountingBrain(brain)


def test_a_repeated_question_is_answered_once_and_sent_identically(counting):
    """The second ask returns the kept message itself; the brain saw the text once."""
    answers = ReadyAnswers(brain=counting)
    first_reply, first = answers.message("how do I pitch the eval budget to the board?")
    second_reply, second = answers.message("how do I pitch the eval budget to the board?")
    assert second is first and second_reply is first_reply and counting.asked == ["how do I pitch the eval budget to the board?"]
    assert first["blocks"][0]["type"] == "header" and first["text"]


def test_private_and_public_messages_are_kept_apart(counting):
    """Only the private (`/evalbot`) message carries the share button, and with its own question."""
    answers = ReadyAnswers(brain=counting)
    (_, public), (_, private) = answers.message("equity"), answers.private("equity")
    assert SHARE_ACTION not in json.dumps(public) and SHARE_ACTION in json.dumps(private)
    assert private["blocks"][-1]["elements"][0]["value"] == "q:equity"
    assert answers.kept_private("equity")[1] is private and len(answers) == 2


def test_kept_private_never_computes(counting):
    """Asking whether an answer is kept does not run the brain."""
    answers = ReadyAnswers(brain=counting)
    assert answers.kept_private("roi cost=2M incidents=10 incident_cost=1M") is None
    assert counting.asked == []


def test_the_least_recently_used_message_goes_first(counting):
    """With room for two, a third text evicts the one not asked for longest."""
    answers = ReadyAnswers(brain=counting, size=2)
    answers.message("help")
    answers.message("topics")
    answers.message("help")  # "topics" is now the least recently used
    answers.message("checklist promotion")
    assert len(answers) == 2
    answers.message("help")
    answers.message("topics")
    assert counting.asked == ["help", "topics", "checklist promotion", "topics"]


def test_long_texts_are_answered_but_not_kept(counting):
    """A pasted document is answered every time but never held in memory."""
    answers = ReadyAnswers(brain=counting)
    long_text = "how do I pitch the eval budget " * (MAX_TEXT_CHARS // 10)
    assert answers.message(long_text)[1]["blocks"]
    assert answers.message(long_text)[1]["blocks"]
    assert len(answers) == 0 and len(counting.asked) == 2


def test_a_failure_is_an_apology_and_is_never_kept(brain, caplog):
    """An unexpected error gives an apology with a fresh reference; once fixed, the real answer is given."""
    counting = CountingBrain(brain, failing={"budget"})
    answers = ReadyAnswers(brain=counting)
    with caplog.at_level(logging.ERROR):
        (_, first), (_, second) = answers.message("budget"), answers.message("budget")
    references = [r.reference for r in caplog.records if getattr(r, "reference", None)]
    assert len(set(references)) == 2 and all(ref in json.dumps(m) for ref, m in zip(references, (first, second)))
    counting.failing.clear()
    _, healed = answers.message("budget")
    assert not any(ref in json.dumps(healed) for ref in references) and len(answers) == 1


def test_an_input_problem_is_kept_like_any_answer(counting):
    """A clear error about the user's input is a pure answer too (no reference), so it is kept."""
    answers = ReadyAnswers(brain=counting)
    _, problem = answers.private("roi cost=banana")
    assert "cost" in json.dumps(problem) and SHARE_ACTION not in json.dumps(problem)
    assert answers.private("roi cost=banana")[1] is problem and len(counting.asked) == 1


def test_size_zero_keeps_nothing(counting):
    """`size=0` turns keeping off: every ask is answered afresh."""
    answers = ReadyAnswers(brain=counting, size=0)
    answers.message("help")
    answers.message("help")
    assert len(answers) == 0 and counting.asked == ["help", "help"]


def test_a_negative_size_is_refused(counting):
    """A negative size is a configuration mistake, named as such."""
    with pytest.raises(ValueError, match="size"):
        ReadyAnswers(brain=counting, size=-1)


def test_many_threads_share_the_kept_messages_within_the_bound(counting):
    """Concurrent asks for a handful of texts all get full answers and never overfill the store."""
    answers = ReadyAnswers(brain=counting, size=3)
    texts = ["help", "topics", "equity", "checklist promotion", "template board-pitch"] * 40
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = [message for _, message in pool.map(answers.message, texts)]
    assert all(r["blocks"][0]["type"] == "header" for r in results) and len(answers) <= 3
    assert all(r == results[i % 5] for i, r in enumerate(results))


def test_sending_a_kept_message_leaves_it_unchanged(deliver, fake_slack):
    """Bolt's ack and the Web API client only read a kept message: both sends carry the same blocks."""
    deliver(event_callback(mention("how big should my eval team be", ts="1700000001.000100"), event_id="EvKeep1"))
    deliver(event_callback(mention("how big should my eval team be", ts="1700000002.000100"), event_id="EvKeep2"))
    first, second = fake_slack.wait_for("chat.postMessage", count=2)
    assert first["blocks"] == second["blocks"] and first["thread_ts"] != second["thread_ts"]
    _, kept = deliver.app.deps.answers.message("how big should my eval team be")
    snapshot = copy.deepcopy(kept)
    deliver.form(slash_command("how big should my eval team be"))
    deliver(event_callback(mention("how big should my eval team be"), event_id="EvKeep3"))
    fake_slack.wait_for("chat.postMessage", count=3)
    assert kept == snapshot


def test_a_repeated_command_is_answered_from_the_kept_message(deliver):
    """The second `/evalbot` with the same text gets the same private answer, share button included."""
    first = body_json(deliver.form(slash_command("checklist promotion", user="UONE")))
    second = body_json(deliver.form(slash_command("checklist promotion", user="UTWO")))
    assert first == second and SHARE_ACTION in json.dumps(second["blocks"])


def test_in_a_conversation_only_turns_answered_as_new_use_or_fill_the_kept_messages(brain):
    """A new question in a conversation gets the kept message itself; a follow-up is computed and never kept."""
    answers = ReadyAnswers(brain=brain)
    _, kept = answers.message("benefit=10M")
    turn, sent = answers.converse("benefit=10M", None)
    assert turn.fresh and sent is kept
    asked, _ = answers.converse("roi cost=2M", None)
    followed, computed = answers.converse("benefit=10M", asked.state)
    assert not followed.fresh and computed is not kept and "5.0x" in json.dumps(computed["blocks"])
    assert answers.message("benefit=10M")[1] is kept and len(answers) == 2
