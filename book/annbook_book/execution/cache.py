"""The execution cache, opened and closed again.

jupyter-cache's ``get_cache`` opens the cache's SQLite database through an
engine that keeps its connections open until it is disposed of; left to the
garbage collector, they stay open and Python 3.13 warns about each
(``ResourceWarning: unclosed database``). Every use of the cache in
``annbook_book`` goes through :func:`open_cache`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def open_cache(path: str | Path) -> Iterator:
    """Open the execution cache at ``path``; close its database on leaving the block.

    Yields
    ------
    jupyter_cache.cache.main.JupyterCacheBase
    """
    from jupyter_cache import get_cache  # noqa: PLC0415

    cache = get_cache(path)
    try:
        yield cache
    finally:
        cache.db.dispose()
