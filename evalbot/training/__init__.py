"""Building the router's learnt parts offline (scripts/train-router): data, features, fitting, choosing settings.

Nothing here runs while evalbot answers; it reads messages as the brain does, so the
head learns from exactly what it will see.
"""
