"""annbook's Sphinx extension: execute chapters honestly, and check what the book shows.

``docs/conf.py`` puts ``docs/_ext`` on the path and lists ``annbook_book``
among its extensions. It connects:

- ``config-inited``: points Jupyter at the book's kernel (``docs/_kernels``),
  which runs over IPC sockets in a private directory (see
  :mod:`annbook_book.kernel`), computes the execution fingerprint (see :mod:`annbook_book.execution`)
  into the ``annbook_fingerprint`` config value, so that Sphinx reads every
  chapter again when it changes, and sets the ``tested_with`` substitution;
- ``builder-inited``: limits the execution cache to
  ``annbook_execution_cache_limit`` records, the oldest going first;
- ``source-read``: puts the fingerprint in each chapter's kernelspec (so in
  its cache key), and a "Tested with" box with download links under its title;
- ``html-page-context``: writes each chapter's executed notebook beside its
  source, for download;
- ``html-page-context`` (late): names the theme's navigation toggles; the
  extension also rewrites how myst-nb's code toggles and the bibliography's
  citations are written (see :mod:`annbook_book.accessibility`);
- ``build-finished``: the book check (:mod:`annbook_book.check`); a problem
  is logged as a warning naming chapter and cell, and fails the build.
"""

from __future__ import annotations

import os
from pathlib import Path

from sphinx.util import logging

from tools import project

from . import accessibility, kernel
from .check import check_book
from .execution import (
    READER_KERNELSPEC,
    add_tested_with,
    execution_fingerprint,
    fingerprint_kernelspec,
    package_folder,
    tested_with,
)

logger = logging.getLogger(__name__)


def _configure(app, config) -> None:
    kernels = Path(app.srcdir) / project.KERNELS
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        [str(kernels), *filter(None, [os.environ.get("JUPYTER_PATH")])]
    )
    kernel.register()
    config.annbook_fingerprint = execution_fingerprint(package_folder(), kernels)
    config.myst_substitutions = {**config.myst_substitutions, "tested_with": tested_with()}


def _limit_execution_cache(app) -> None:
    from jupyter_cache import get_cache  # noqa: PLC0415

    cache = get_cache(app.config.nb_execution_cache_path)
    cache.change_cache_limit(app.config.annbook_execution_cache_limit)


def _prepare_chapter(app, docname: str, source: list[str]) -> None:
    """Before myst-nb reads a chapter: fingerprint its kernelspec, add "Tested with"."""
    from myst_nb.core.read import is_myst_markdown_notebook  # noqa: PLC0415

    if project.is_chapter(source[0]):
        text = fingerprint_kernelspec(source[0], app.config.annbook_fingerprint)
        line = app.config.myst_substitutions["tested_with"]
        source[0] = add_tested_with(text, docname, line)
    elif is_myst_markdown_notebook(source[0]):
        logger.warning(
            "a notebook without a kernelspec would run on another kernel, unfingerprinted "
            "and unchecked; add the chapters' `kernelspec:` (name: annbook) to its front matter",
            location=docname,
            type="annbook",
            subtype="kernelspec",
        )


def _offer_executed_notebook(app, pagename, templatename, context, doctree) -> None:  # noqa: ARG001
    """Write a chapter's executed notebook beside its source, for download.

    myst-nb renders a chapter from the execution cache; the notebook it writes
    to ``jupyter_execute`` on a cache hit has no outputs. The download is
    therefore taken from the cache too, with the kernel a reader has
    (``python3``). The theme's download menu lists it as ``.ipynb``.
    """
    path = Path(app.srcdir) / f"{pagename}.md"
    if doctree is None or not path.is_file():
        return
    source = [path.read_text("utf-8")]
    if not project.is_chapter(source[0]):
        return
    import nbformat  # noqa: PLC0415
    from jupyter_cache import get_cache  # noqa: PLC0415
    from myst_nb.core.read import read_myst_markdown_notebook  # noqa: PLC0415

    _prepare_chapter(app, pagename, source)
    notebook = read_myst_markdown_notebook(source[0])
    cache = get_cache(app.config.nb_execution_cache_path)
    try:
        _, notebook = cache.merge_match_into_notebook(notebook)
    except KeyError:
        return  # not executed; the book check reports it
    notebook.metadata["kernelspec"] = dict(READER_KERNELSPEC)
    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)
    context["ipynb_source"] = target.name


def _check_book(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    from jupyter_cache import get_cache  # noqa: PLC0415

    cache = get_cache(app.config.nb_execution_cache_path)
    result = check_book(Path(app.srcdir), Path(app.outdir), cache, app.config.annbook_fingerprint)
    for problem in result.problems:
        logger.warning("book check: %s", problem, type="annbook", subtype="book_check")
    if result.problems:
        app.statuscode = 1
        count = len(result.problems)
        logger.error(
            "book check: %d problem%s; fix the chapters, or the bands and claims in %s",
            count,
            "" if count == 1 else "s",
            Path(app.srcdir) / project.BANDS,
        )
    else:
        logger.info("book check: %s", result.summary())


def setup(app):
    accessibility.setup(app)
    app.add_config_value("annbook_fingerprint", "", "env", types=[str])
    app.add_config_value("annbook_execution_cache_limit", 40, "", types=[int])
    app.connect("config-inited", _configure)
    app.connect("builder-inited", _limit_execution_cache)
    app.connect("source-read", _prepare_chapter)
    # Before the theme builds its download menu (priority 501).
    app.connect("html-page-context", _offer_executed_notebook, priority=500)
    app.connect("build-finished", _check_book)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
