"""Sentence embeddings that ship with evalbot: static word-piece vectors distilled from all-MiniLM-L6-v2."""
