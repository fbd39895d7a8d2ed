"""Home-tab opens: the tab is published once per person per window, unless what it shows changed.

Slack sends `app_home_opened` every time someone clicks the tab, and the published
view stays in place between opens: sending the same view again is a Web API call
(rate limited per workspace) that changes nothing.
"""

import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

PUBLISH_WINDOW_SECONDS = 60.0
MAX_PEOPLE = 10_000  # about 1 MB; the longest-unseen person is forgotten first


class RecentHomes:
    """Which Home view each person was last sent, and when (per process, thread-safe).

    Args:
        window: seconds during which the same view is not sent to the same person again.
        max_people: how many people are remembered.
        clock: monotonic seconds (tests pass their own).
    """

    def __init__(
        self,
        *,
        window: float = PUBLISH_WINDOW_SECONDS,
        max_people: int = MAX_PEOPLE,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.window, self.max_people, self.clock = window, max_people, clock
        self._sent: OrderedDict[str, tuple[int, float]] = OrderedDict()
        self._lock = threading.Lock()

    def claim(self, user: str, view: dict) -> bool:
        """True when `view` should be published for `user` now (and it is then counted as sent)."""
        content = hash(json.dumps(view, sort_keys=True))
        now = self.clock()
        with self._lock:
            last = self._sent.get(user)
            if last is not None and last[0] == content and now - last[1] < self.window:
                return False
            self._sent[user] = (content, now)
            self._sent.move_to_end(user)
            while len(self._sent) > self.max_people:
                self._sent.popitem(last=False)
            return True

    def forget(self, user: str) -> None:
        """The publish failed: the next open tries again."""
        with self._lock:
            self._sent.pop(user, None)
