"""Slack messages for questions asked before, kept ready: the brain and the renderer run once per text.

People repeat themselves word for word: `help`, `topics`, `checklist promotion`, the
Home tab's buttons, a whole team asking about the board pitch before a board meeting.
A reply is a pure function of the text (the knowledge base never changes while the
app runs) and the message a pure function of the reply, so the finished message is
kept, keyed by the exact text and where it goes, and sent again as it is.

- Bounded: at most `size` messages, the least recently used dropped first; texts over
  `MAX_TEXT_CHARS` (pasted documents, rarely repeated) are answered but not kept.
- Failures are never kept: an unexpected error gives an apology with a fresh
  reference every time (`answer_safely`), and the next ask tries again.
- A kept message is shared by every thread that sends it, so nobody may change it;
  Bolt's `ack` and the Web API client only read the dicts they are given.
- In a conversation the text alone no longer decides the answer ("benefit=10M" means
  something after `roi cost=2M`): `converse` uses a kept message only for a turn the
  conversation layer answered as a new question, and never keeps a follow-up's.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable

from evalbot.conversation import ConversationState, Turn, converse
from evalbot.core.safe_answer import answer_safely
from evalbot.core.brain import Brain
from evalbot.core.reply import Reply
from evalbot.rendering.block_kit import message
from evalbot.rendering.share import private_message

DEFAULT_SIZE = 512
MAX_TEXT_CHARS = 500


class ReadyAnswers:
    """Thread-safe answers to free text as finished Slack messages, the recent ones kept.

    Args:
        brain: answers the texts.
        size: how many messages are kept.
    """

    def __init__(self, *, brain: Brain, size: int = DEFAULT_SIZE):
        if size < 0:
            raise ValueError(f"size must be 0 or more, not {size}")
        self.brain = brain
        self.size = size
        self._kept: OrderedDict[tuple[str, str], tuple[Reply, dict]] = OrderedDict()
        self._lock = threading.Lock()

    def message(self, text: str) -> tuple[Reply, dict]:
        """The reply to `text` and its message in a channel, thread or DM."""
        return self._answer("message", text, message)

    def private(self, text: str) -> tuple[Reply, dict]:
        """The reply to `text` and its private (`/evalbot`) message."""
        return self._answer("private", text, lambda reply: private_message(reply, question=text))

    def converse(self, text: str, state: ConversationState | None) -> tuple[Turn, dict]:
        """The turn answering `text` after `state` (see `evalbot.conversation.converse`), and its message."""
        kept: list[tuple[Reply, dict]] = []

        def fresh(question: str) -> Reply:
            kept.append(self.message(question))
            return kept[-1][0]

        turn = converse(self.brain, text, state, fresh=fresh)
        return turn, (kept[-1][1] if turn.fresh and kept else message(turn.reply))

    def kept_private(self, text: str) -> tuple[Reply, dict] | None:
        """The reply and private message for `text` if kept; None without computing anything."""
        return self._get(("private", text))

    def __len__(self) -> int:
        with self._lock:
            return len(self._kept)

    def _answer(self, surface: str, text: str, render: Callable[[Reply], dict]) -> tuple[Reply, dict]:
        key = (surface, text)
        kept = self._get(key)
        if kept is not None:
            return kept
        reply = answer_safely(self.brain, text)
        answer = (reply, render(reply))
        if reply.reference is None and len(text) <= MAX_TEXT_CHARS and self.size:
            with self._lock:
                self._kept[key] = answer
                if len(self._kept) > self.size:
                    self._kept.popitem(last=False)
        return answer

    def _get(self, key: tuple[str, str]) -> tuple[Reply, dict] | None:
        with self._lock:
            kept = self._kept.get(key)
            if kept is not None:
                self._kept.move_to_end(key)
            return kept
