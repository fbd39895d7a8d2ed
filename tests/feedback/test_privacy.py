"""What is kept of a person: a scrubbed question and a salted, stable hash of their id."""

import pytest

from evalbot.feedback.privacy import MAX_STORED_CHARS, installation_salt, scrub, user_hash


@pytest.mark.parametrize(
    ("text", "gone", "shown"),
    [
        ("mail me at ada.lovelace+eval@example.co.uk please", "ada.lovelace", "[email]"),
        ("my bot token is xoxb-1234-5678-abcdefghij, why?", "xoxb-1234", "[redacted]"),
        ("key sk-proj-ABCDEFGHIJKLMNOPQRSTUV leaked", "sk-proj-ABC", "[redacted]"),
        ("ask <@U0123ABCD> and <!channel> about equity", "U0123ABCD", "ask and about equity"),
        ("see <mailto:bob@example.com|bob@example.com> first", "bob@", "see [email] first"),
    ],
)
def test_scrub_removes_personal_and_secret_strings(text, gone, shown):
    """Emails, Slack tokens, API keys and mentions never reach the store; the rest of the words do."""
    scrubbed = scrub(text)
    assert gone not in scrubbed and shown in scrubbed


def test_scrub_keeps_the_question_and_caps_its_length():
    """Ordinary words survive; a pasted essay is cut to the stored maximum."""
    assert scrub("  how do I pitch the 2M eval budget?  ") == "how do I pitch the 2M eval budget?"
    assert len(scrub("budget " * 1000)) == MAX_STORED_CHARS


def test_user_hash_is_stable_salted_and_not_the_id():
    """The same id and salt hash alike; another salt or id does not; the id never shows."""
    one = user_hash("salt-a", "U0123ABCD")
    assert one == user_hash("salt-a", "U0123ABCD") and "U0123ABCD" not in one
    assert one != user_hash("salt-b", "U0123ABCD") and one != user_hash("salt-a", "U0123ABCE")


def test_installation_salt_is_made_once_and_shared(store):
    """Every caller (worker, host) gets the same salt, made on first use."""
    first = installation_salt(store.engine)
    assert len(first) == 64 and installation_salt(store.engine) == first
