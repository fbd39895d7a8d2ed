"""What every CLI command shares: building the brain."""

from evalbot.config import Settings
from evalbot.core.brain import Brain


def build_brain(settings: Settings) -> Brain:
    return Brain.load(overlay_dir=settings.evalbot_knowledge_dir, cache_dir=settings.routing_cache_dir())
