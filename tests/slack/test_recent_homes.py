"""RecentHomes: the same Home view goes to the same person once per window; a changed view goes at once."""

from evalbot.slack.recent_homes import RecentHomes

VIEW = {"type": "home", "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "Hello"}}]}
CHANGED = {"type": "home", "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "Hello again"}}]}


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_same_view_is_sent_once_per_window():
    clock = Clock()
    homes = RecentHomes(window=60, clock=clock)
    assert homes.claim("U1", VIEW)
    clock.now += 59
    assert not homes.claim("U1", VIEW)
    clock.now += 2
    assert homes.claim("U1", VIEW)


def test_a_changed_view_is_sent_at_once_and_people_are_counted_apart():
    homes = RecentHomes(window=60, clock=Clock())
    assert homes.claim("U1", VIEW)
    assert homes.claim("U2", VIEW)
    assert homes.claim("U1", CHANGED) and not homes.claim("U1", CHANGED)


def test_key_order_does_not_make_a_view_look_new():
    homes = RecentHomes(window=60, clock=Clock())
    assert homes.claim("U1", {"type": "home", "blocks": []})
    assert not homes.claim("U1", {"blocks": [], "type": "home"})


def test_forgetting_after_a_failure_lets_the_next_open_send_it():
    homes = RecentHomes(window=60, clock=Clock())
    assert homes.claim("U1", VIEW)
    homes.forget("U1")
    assert homes.claim("U1", VIEW)


def test_memory_is_bounded_forgetting_the_longest_unseen_first():
    homes = RecentHomes(window=60, max_people=2, clock=Clock())
    for user in ("U1", "U2", "U3"):
        assert homes.claim(user, VIEW)
    assert not homes.claim("U3", VIEW) and not homes.claim("U2", VIEW)
    assert homes.claim("U1", VIEW)  # forgotten, so sent again
