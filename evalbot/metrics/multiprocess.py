"""prometheus_client's multiprocess mode for gunicorn: one folder of value files shared by the workers."""

import logging
import os
import sys
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)
ENV = "PROMETHEUS_MULTIPROC_DIR"


def prepare() -> Path:
    """Use `PROMETHEUS_MULTIPROC_DIR` (made if missing) or a new temporary folder, emptied of an earlier run.

    Must run before prometheus_client is imported: it picks its value store at import. If it
    was imported already, each worker's /metrics shows only its own counts (logged as a warning).
    """
    if "prometheus_client" in sys.modules:
        log.warning("prometheus_client was imported before the metrics folder was set: /metrics is per worker")
    folder = Path(os.environ.get(ENV) or tempfile.mkdtemp(prefix="evalbot-metrics-"))
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.db"):  # counts of an earlier run would be added to this one's
        stale.unlink()
    os.environ[ENV] = str(folder)
    return folder


def worker_exited(pid: int) -> None:
    """Gunicorn's `child_exit`: a dead worker's live gauges stop counting (its counters stay summed)."""
    if os.environ.get(ENV):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(pid)
