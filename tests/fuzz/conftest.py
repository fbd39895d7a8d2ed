"""Fuzz-test setup: make `fuzz_strategies` importable under `--import-mode=importlib`.

The `brain` fixture comes from tests/conftest.py (session-scoped, so one load for the whole run).
"""

import sys
from pathlib import Path

_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)
