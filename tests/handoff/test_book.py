"""Hand-offs in the state store: one per offer, answers kept and listed, retention and forgetting."""

import pytest

from evalbot.feedback.retention import DAY, Retention
from evalbot.handoff.book import HandoffBook, answers_since, forget_asker_and_expert
from evalbot.store import open_store


class Clock:
    def __init__(self, now: float = 1_795_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture()
def store(tmp_path):
    opened = open_store(data_dir=tmp_path / "var")
    yield opened
    opened.close()


def hand_off(book: HandoffBook, key: str, *, asker: str = "U0ASKER1", question: str = "which vendors?") -> int | None:
    return book.open(offer_key=key, team_id="T1", asker=asker, question=question, reply_channel="C1",
                     reply_thread_ts="1.1", experts_channel="CEXPERTS")


def answer(store, book: HandoffBook, *, thread: str, expert: str, text: str) -> None:
    with store.engine.begin() as connection:
        handoff = book.in_thread(connection, experts_channel="CEXPERTS", thread_ts=thread)
        book.record_answer(connection, handoff, expert=expert, answer=text)


def test_one_hand_off_per_offer_and_its_thread_finds_it(store):
    """A second open of the same offer is refused; the experts' thread leads back to the asker's."""
    book = HandoffBook(engine=store.engine)
    first = hand_off(book, "k1")
    assert first is not None and hand_off(book, "k1") is None
    book.posted(first, experts_ts="9.9")
    with store.engine.connect() as connection:
        found = book.in_thread(connection, experts_channel="CEXPERTS", thread_ts="9.9")
        assert found.reply_channel == "C1" and found.reply_thread_ts == "1.1" and found.asker == "U0ASKER1"
        assert book.in_thread(connection, experts_channel="CEXPERTS", thread_ts="8.8") is None


def test_a_cancelled_hand_off_can_be_made_again(store):
    """When posting failed, the offer is free again."""
    book = HandoffBook(engine=store.engine)
    book.cancel(hand_off(book, "k1"))
    assert hand_off(book, "k1") is not None


def test_questions_and_answers_are_stored_scrubbed(store):
    """Emails and tokens never reach the table, as in the question log."""
    book = HandoffBook(engine=store.engine)
    book.posted(hand_off(book, "k1", question="mail ada@example.com about xoxb-123456789012-abcdefghijkl"), experts_ts="9.9")
    answer(store, book, thread="9.9", expert="U0EXPERT1", text="ask bob@example.com")
    with store.engine.connect() as connection:
        [given] = answers_since(connection, 0)
    assert "@example.com" not in given.question + given.answer and "xoxb-" not in given.question


def test_retention_deletes_old_hand_offs_and_answers(store):
    """Past EVALBOT_RETENTION_DAYS both go, with the questions and votes."""
    clock = Clock()
    book = HandoffBook(engine=store.engine, clock=clock)
    book.posted(hand_off(book, "old"), experts_ts="9.9")
    answer(store, book, thread="9.9", expert="U0EXPERT1", text="old answer")
    clock.now += 91 * DAY
    book.posted(hand_off(book, "new"), experts_ts="8.8")
    counts = Retention(engine=store.engine, days=90, clock=clock).purge()
    assert counts["handoffs"] == 1 and counts["expert_answers"] == 1
    with store.engine.connect() as connection:
        assert answers_since(connection, 0) == []
        assert book.in_thread(connection, experts_channel="CEXPERTS", thread_ts="8.8") is not None


@pytest.mark.parametrize("user, left", [("U0ASKER1", ["mine"]), ("U0EXPERT1", ["mine"]), ("U0OTHER01", ["theirs"]),
                                        ("U0NOBODY1", ["mine", "theirs"])])
def test_forget_deletes_what_a_person_asked_or_answered(store, user, left):
    """Forgetting an asker takes their hand-offs and the answers to them; forgetting an expert, their answers."""
    book = HandoffBook(engine=store.engine)
    book.posted(hand_off(book, "a", asker="U0ASKER1"), experts_ts="1.0")
    book.posted(hand_off(book, "b", asker="U0OTHER01"), experts_ts="2.0")
    answer(store, book, thread="1.0", expert="U0EXPERT1", text="theirs")
    answer(store, book, thread="2.0", expert="U0EXPERT2", text="mine")
    forget_asker_and_expert(store.engine, user)
    with store.engine.connect() as connection:
        assert sorted(a.answer for a in answers_since(connection, 0)) == sorted(left)
