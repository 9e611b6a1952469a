"""Chapters execute honestly and no more than needed: their keys, the cache, the order.

Its :func:`setup` connects:

- ``config-inited``: tells the chapters' kernels that they run in the book's
  build (``ANNBOOK_BOOK_BUILD``, see :func:`annbook.book.glue`), and reads
  the package and kernel that the chapters' keys are made of
  (:class:`~annbook_book.execution.keys.ChapterKeys`);
- ``builder-inited``: limits the execution cache to
  ``annbook_execution_cache_limit`` records, the oldest going first;
- ``builder-inited``, ``env-get-outdated`` and ``build-finished`` (last):
  after a build that did not finish, every page is read (from the execution
  cache) and written again (:mod:`annbook_book.execution.unfinished`);
- an environment collector (:class:`StoredKeys`) keeps the key each
  chapter was read with, and has Sphinx read again exactly the chapters
  whose key changed since the last build; a source edit Sphinx sees itself;
- ``env-before-read-docs``: under ``-j``, executes the chapters that time
  themselves (``annbook_execute_alone``) first, alone, then orders the
  documents to read so that the chapters about to execute are shared evenly
  between the processes, the longest first
  (:func:`~annbook_book.execution.keys.spread`);
- ``source-read``: puts each chapter's key in its kernelspec, so in its
  jupyter-cache key;
- ``doctree-read`` and ``build-finished``: closes the execution cache's
  database where myst-nb left it open (:mod:`annbook_book.execution.cache`).
"""

from __future__ import annotations

import os
from pathlib import Path

from sphinx.util import logging

from annbook.book import BUILD_VARIABLE
from annbook_book import layout
from annbook_book.collector import PerDocument
from annbook_book.kernel import KERNELS

from . import cache, unfinished
from .cache import open_cache
from .keys import ChapterKeys, execution_costs, keyed_kernelspec, package_folder, spread

logger = logging.getLogger(__name__)


def _read_keys(app, config) -> None:  # noqa: ARG001
    os.environ[BUILD_VARIABLE] = "1"
    app.annbook_keys = ChapterKeys(package_folder(), KERNELS)


def _limit_execution_cache(app) -> None:
    with open_cache(app.config.nb_execution_cache_path) as cache:
        cache.change_cache_limit(app.config.annbook_execution_cache_limit)


def keyed(app, text: str) -> str:
    """Return a chapter's text with its key in its kernelspec, as myst-nb reads it."""
    return keyed_kernelspec(text, app.annbook_keys.key(text))


class StoredKeys(PerDocument):
    """The key each chapter was read with, by docname: Sphinx reads again those whose key changed."""

    attribute = "annbook_keys"

    def get_outdated_docs(self, app, env, added, changed, removed) -> list[str]:
        """Return the chapters whose key changed since they were read."""
        stored = self.values(env)
        outdated = []
        for docname in sorted(env.found_docs - added - changed - removed):
            path = Path(env.doc2path(docname))
            text = path.read_text("utf-8") if path.suffix == ".md" and path.is_file() else ""
            if layout.is_chapter(text) and app.annbook_keys.key(text) != stored.get(docname):
                outdated.append(docname)
        if outdated:
            logger.info(
                "annbook: what %s depend%s on changed",
                ", ".join(outdated),
                "s" if len(outdated) == 1 else "",
            )
        return outdated


def _share_out_chapters(app, env, docnames: list[str]) -> None:
    """Under ``-j``: execute the chapters that time themselves alone, and share out the rest.

    A chapter named in ``annbook_execute_alone`` shows timings, which another
    chapter executing beside it would distort: it is read (and executed)
    here, in the main process, before the parallel readers start. The other
    chapters are then ordered so that the processes share their execution.
    """
    if app.parallel <= 1 or len(docnames) < 2:
        return
    chapters = {}
    for docname in docnames:
        path = Path(env.doc2path(docname))
        if path.suffix == ".md" and layout.is_chapter(path.read_text("utf-8")):
            chapters[docname] = path
    with open_cache(app.config.nb_execution_cache_path) as cache:
        costs = execution_costs(chapters, cache, app.annbook_keys)
    for docname in [name for name in app.config.annbook_execute_alone if name in costs]:
        logger.info("annbook: executing %s alone, before the others: it times itself", docname)
        app.emit("env-purge-doc", env, docname)
        env.clear_doc(docname)
        app.builder.read_doc(docname)
        docnames.remove(docname)
        del costs[docname]
    docnames[:] = spread(docnames, costs, app.parallel)


def _key_chapter(app, docname: str, source: list[str]) -> None:
    """Before myst-nb reads a chapter: its key in its kernelspec."""
    from myst_nb.core.read import is_myst_markdown_notebook  # noqa: PLC0415

    if layout.is_chapter(source[0]):
        key = app.annbook_keys.key(source[0])
        StoredKeys.note(app.env, key)
        source[0] = keyed_kernelspec(source[0], key)
    elif is_myst_markdown_notebook(source[0]):
        logger.warning(
            "a notebook without a kernelspec would run on another kernel, with no key of "
            "what it depends on, and unchecked; add the chapters' `kernelspec:` "
            "(name: annbook) to its front matter",
            location=docname,
            type="annbook",
            subtype="kernelspec",
        )


def setup(app):
    app.add_config_value("annbook_execution_cache_limit", 40, "", types=[int])
    # Chapters whose outputs are timings: under -j they execute alone (_share_out_chapters).
    app.add_config_value("annbook_execute_alone", [], "", types=[list])
    app.connect("config-inited", _read_keys)
    app.connect("builder-inited", _limit_execution_cache)
    app.connect("builder-inited", unfinished.start)
    app.connect("env-get-outdated", unfinished.everything_after_unfinished)
    app.add_env_collector(StoredKeys)
    app.connect("env-before-read-docs", _share_out_chapters)
    app.connect("source-read", _key_chapter)
    app.connect("build-finished", unfinished.finish, priority=900)
    cache.setup(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
