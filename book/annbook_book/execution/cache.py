"""The execution cache, opened and closed again.

jupyter-cache's ``get_cache`` opens the cache's SQLite database through an
engine that keeps its connections open until it is disposed of; left to the
garbage collector, they stay open and Python 3.13 warns about each
(``ResourceWarning: unclosed database``). Every use of the cache in
``annbook_book`` goes through :func:`open_cache`.

myst-nb opens the cache the same way for each chapter it reads and leaves
the engine to the garbage collector. :func:`close_engines_left_open` closes
those engines once the chapter is read: :func:`setup` keeps every engine
that connects to the cache's database, and disposes of them after each
document is read and when the build ends.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

#: Engines that connected to an execution cache since they were last disposed of,
#: held so that the garbage collector does not take one before it is closed.
_ENGINES: set[Engine] = set()


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


def _note_engine(connection: Connection) -> None:
    from jupyter_cache.cache.db import DB_NAME  # noqa: PLC0415

    if Path(connection.engine.url.database or "").name == DB_NAME:
        _ENGINES.add(connection.engine)


def close_engines_left_open(*args) -> None:  # noqa: ARG001
    """Dispose of the execution cache's engines, closing their connections to its database."""
    while _ENGINES:
        _ENGINES.pop().dispose()


def setup(app):
    """Close the cache's engines after each document is read, and at the build's end."""
    # jupyter-cache's engines are SQLAlchemy's (its dependency), as its ``cache.db`` is.
    from sqlalchemy import event  # noqa: PLC0415
    from sqlalchemy.engine import Engine  # noqa: PLC0415

    if not event.contains(Engine, "engine_connect", _note_engine):
        event.listen(Engine, "engine_connect", _note_engine)
    app.connect("doctree-read", close_engines_left_open)
    app.connect("build-finished", close_engines_left_open)
