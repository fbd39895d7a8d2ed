"""The intent head: a softmax regression over sentence vectors, learnt from labelled questions."""

from evalbot.routing.head.model import IntentHead

__all__ = ["IntentHead"]
