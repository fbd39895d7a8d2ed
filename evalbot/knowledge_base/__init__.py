"""Loading and validating the knowledge base: topics, checklists, templates and intent cards."""

from evalbot.knowledge_base.loader import KnowledgeBase, load_knowledge

__all__ = ["KnowledgeBase", "load_knowledge"]
