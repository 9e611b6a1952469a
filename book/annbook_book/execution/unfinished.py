"""After a build that did not finish, write every page again.

Sphinx saves what it read before it writes the pages, and on the next build
writes a page again only when its source is newer than the page. A build
stopped while it wrote (Ctrl-C, a full disk, an error) could leave a chapter
that executed again, because code it depends on changed, with its old page
beside an environment that says the page is up to date. So a marker in the
doctree folder says that the last build wrote every page: it is deleted when a
build starts and written when one finishes. When it is missing, every
document is read again (the chapters from the execution cache: nothing
executes) and written.

A build stopped before it wrote anything leaves the previous pages and the
execution cache as they were: jupyter-cache stores a notebook only after it
executed in full.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)

#: Written in the doctree folder when a build has written every page.
MARKER = "annbook-build-finished"


def start(app) -> None:
    """``builder-inited``: note whether the last build finished, and forget it."""
    marker = Path(app.doctreedir) / MARKER
    app.annbook_last_build_finished = marker.exists()
    marker.unlink(missing_ok=True)


def everything_after_unfinished(app, env, added, changed, removed) -> list[str]:
    """``env-get-outdated``: every document, when the last build did not finish."""
    if app.annbook_last_build_finished:
        return []
    again = sorted(env.found_docs - added - changed - removed)
    if again:
        logger.info("annbook: the last build did not finish; every page is written again")
    return again


def finish(app, exception) -> None:
    """``build-finished``: mark the pages written, when the build raised nothing."""
    if exception is None:
        (Path(app.doctreedir) / MARKER).write_text("The last build wrote every page.\n")
