"""Checks of the built book: inside the build (:mod:`.book`, :mod:`.claims`), and after it.

Its :func:`setup` runs the book check at ``build-finished``: a problem is
logged as a warning naming chapter and cell, and fails the build; and adds
the execution report's tables of what the claims rest on (:mod:`.report`). The other
modules check the written site: :mod:`.site` (assets from other hosts,
accessibility of the HTML), :mod:`.search` (the Korean edition's search),
:mod:`.offline` (every page in headless Chromium, network cut off).
"""

from __future__ import annotations

from pathlib import Path

from sphinx.util import logging

from annbook_book import layout
from annbook_book.execution.cache import open_cache

from . import report
from .book import check_book

logger = logging.getLogger(__name__)


def _check_book(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    with open_cache(app.config.nb_execution_cache_path) as cache:
        result = check_book(Path(app.srcdir), Path(app.outdir), cache, app.annbook_keys)
    for problem in result.problems:
        logger.warning("book check: %s", problem, type="annbook", subtype="book_check")
    if result.problems:
        app.statuscode = 1
        count = len(result.problems)
        logger.error(
            "book check: %d problem%s; fix the chapters, or the bands and claims in %s",
            count,
            "" if count == 1 else "s",
            Path(app.srcdir) / layout.BANDS,
        )
    else:
        logger.info("book check: %s", result.summary())


def setup(app):
    app.connect("build-finished", _check_book)
    report.setup(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
