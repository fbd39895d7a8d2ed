"""What the listeners need besides Bolt's own arguments, handed to them in `context["evalbot"]`."""

from concurrent.futures import Executor
from dataclasses import dataclass, field

from evalbot.core.brain import Brain
from evalbot.feedback.service import Feedback
from evalbot.handoff.book import HandoffBook
from evalbot.slack.channel_rules import ChannelRules
from evalbot.slack.transport.outbox.claims import DeliveryClaims
from evalbot.slack.transport.outbox.queue import Outbox
from evalbot.slack.transport.outbox.sender import Sender
from evalbot.slack.transport.rate_limit import RateLimiter
from evalbot.slack.ready_answers import ReadyAnswers
from evalbot.slack.recent_homes import RecentHomes
from evalbot.store import Store
from evalbot.conversation.store import ConversationStore, MemoryConversations

DEPS_KEY = "evalbot"


@dataclass(frozen=True, kw_only=True)
class Deps:
    """The brain that answers (and its answers kept as finished messages), the per-user limiter
    for free text, the state store with its duplicate-delivery claims (`seen`), outbox and
    sender, the Home views recently sent, what each conversation remembers, and the threads
    that compute answers a slash command must not wait on past its ack budget. (The Web API client is Bolt's `client` argument: the
    workspace's own token when several are installed.)"""

    brain: Brain
    answers: ReadyAnswers
    limiter: RateLimiter
    store: Store
    seen: DeliveryClaims
    outbox: Outbox
    sender: Sender
    homes: RecentHomes
    workers: Executor
    # What each conversation (a DM, a thread) remembers; the state store's table when serving.
    conversations: ConversationStore = field(default_factory=MemoryConversations)
    # Votes and the question log; None when the app runs without a state store.
    feedback: Feedback | None = None
    # How evalbot behaves in each channel (EVALBOT_CHANNELS): every message, mentions only, or silent.
    channels: ChannelRules = field(default_factory=ChannelRules)
    # Where "Ask a person" sends questions (EVALBOT_EXPERTS_CHANNEL); None: no hand-off offered.
    experts_channel: str | None = None
    # Hand-offs and experts' answers in the state store; None when there is no experts channel.
    handoffs: HandoffBook | None = None


def deps_of(context) -> Deps:
    return context[DEPS_KEY]
