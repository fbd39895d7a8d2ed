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


PATHOLOGICAL = {
    "dotted run": "1.",
    "dotted words": "a.",
    "hyphen run": "a-",
    "one long word": "a",
    "at signs": "a@",
    "half emails": "a@b.",
    "plus run": "a+",
}


def _scrub_seconds(text: str) -> float:
    import time

    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        scrub(text)
        best = min(best, time.perf_counter() - started)
    return best


@pytest.mark.parametrize("unit", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_scrub_work_grows_linearly_on_50000_character_runs(unit):
    """Four times the text costs about four times the work (quadratic would be sixteen): 12,500 vs 50,000 chars."""
    short, long = unit * (12_500 // len(unit)), unit * (50_000 // len(unit))
    scrub(short)  # warm the regex caches
    assert _scrub_seconds(long) < 9 * max(_scrub_seconds(short), 1e-4)


def test_scrub_still_finds_an_email_at_the_end_of_a_long_run():
    """The linear pattern loses nothing: an address after 50,000 characters of dotted run is still replaced."""
    scrubbed = scrub("1." * 25_000 + " write to ada@example.com")
    assert "ada@" not in scrubbed and len(scrubbed) == MAX_STORED_CHARS
    assert scrub("x " * 10 + "1.2.3.ada@example.com") == "x " * 9 + "x [email]"
