"""A pickled copy of the loaded knowledge base and its routing index, so start-up skips rebuilding them.

`evalbot ask` is often one process per question, and building the index is a third
of its start-up. The copy is keyed on everything it was built from (evalbot's
version, the routing code and every knowledge file's path, size and mtime), lives
in the user's cache folder like `__pycache__` does, and is simply rebuilt when it
is missing, stale, unreadable or unwritable.
"""

import hashlib
import logging
import os
import pickle
import tempfile
from pathlib import Path

from evalbot import __version__
from evalbot.knowledge_base.loader import KnowledgeBase
from evalbot.knowledge_base.locate import shipped_wild_set
from evalbot.routing.router import Router

log = logging.getLogger(__name__)
_ROUTING_CODE = Path(__file__).resolve().parent.parent / "routing"
_READ_ERRORS = (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError)


def default_cache_dir() -> Path:
    """`$XDG_CACHE_HOME/evalbot`, else `~/.cache/evalbot`."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "evalbot"


def fingerprint(folders: list[Path]) -> str:
    """A digest of the code version and of every file the index is built from."""
    digest = hashlib.sha256(__version__.encode())
    # The routing code, the shipped embeddings and classifier weights, and the wild training questions.
    sources = [path for path in _ROUTING_CODE.rglob("*") if path.is_file() and "__pycache__" not in path.parts]
    for source in sorted(sources) + [path for path in [shipped_wild_set()] if path.is_file()]:
        stat = source.stat()
        digest.update(f"{source.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    for folder in folders:
        for path in sorted(folder.rglob("*.y*ml")):
            stat = path.stat()
            digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:32]


def read(folder: Path, key: str) -> tuple[KnowledgeBase, Router] | None:
    """The cached pair for `key`, or None when there is no usable copy."""
    path = folder / f"brain-{key}.pickle"
    try:
        with path.open("rb") as handle:
            knowledge, router = pickle.load(handle)
    except FileNotFoundError:
        return None
    except _READ_ERRORS:
        log.debug("ignoring an unreadable index cache at %s", path, exc_info=True)
        return None
    return knowledge, router


def write(folder: Path, key: str, knowledge: KnowledgeBase, router: Router) -> None:
    """Store the pair for `key` (atomically) and drop copies built from older inputs."""
    temporary: Path | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".brain-", delete=False) as handle:
            temporary = Path(handle.name)
            pickle.dump((knowledge, router), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, folder / f"brain-{key}.pickle")  # atomic: readers never see half a file
        temporary = None
        for stale in folder.glob("brain-*.pickle"):
            if stale.name != f"brain-{key}.pickle":
                stale.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError):
        log.debug("could not write the index cache in %s", folder, exc_info=True)
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
