"""annbook's Sphinx extension: execute chapters honestly, and check what the book shows.

``docs/conf.py`` puts ``docs/_ext`` on the path and lists ``annbook_book``
among its extensions. It connects:

- ``config-inited``: points Jupyter at the book's kernel (``docs/_kernels``),
  tells its kernels that they run in the book's build (``ANNBOOK_BOOK_BUILD``,
  see :func:`annbook.book.glue`), computes the execution fingerprint (see
  :mod:`annbook_book.execution`) into the ``annbook_fingerprint`` config
  value, so that Sphinx reads every chapter again when it changes, builds the
  package's wheel and sdist into the site's ``dist`` folder (see
  :mod:`annbook_book.package`), and sets the ``tested_with`` and
  ``install_annbook`` substitutions;
- ``builder-inited``: limits the execution cache to
  ``annbook_execution_cache_limit`` records, the oldest going first;
- ``source-read``: puts the fingerprint in each chapter's kernelspec (so in
  its cache key), and a "Tested with" box with download links under its title;
- ``html-page-context``: writes each chapter's executed notebook beside its
  source, for download, after a cell that checks the reader's annbook; adds
  the launch buttons (Colab, Binder) when the settings name where the built
  book's notebooks are published;
- ``build-finished``: the book check (:mod:`annbook_book.check`); a problem
  is logged as a warning naming chapter and cell, and fails the build.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from sphinx.util import logging

from annbook import __version__
from annbook.book import BUILD_VARIABLE, code_fingerprint
from tools import project

from .check import check_book
from .execution import (
    READER_KERNELSPEC,
    add_tested_with,
    execution_fingerprint,
    fingerprint_kernelspec,
    package_folder,
    tested_with,
)
from .package import DIST, Published, build_package, git_commit, launch_buttons, setup_cells

logger = logging.getLogger(__name__)


def _configure(app, config) -> None:
    kernels = Path(app.srcdir) / project.KERNELS
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        [str(kernels), *filter(None, [os.environ.get("JUPYTER_PATH")])]
    )
    os.environ[BUILD_VARIABLE] = "1"
    package = package_folder()
    config.annbook_fingerprint = execution_fingerprint(package, kernels)
    published = Published(__version__, code_fingerprint(package), base_url=config.html_baseurl)
    root = Path(app.srcdir).parent
    if (root / "pyproject.toml").is_file():  # a book of this project, not a test's small book
        published = dataclasses.replace(
            published,
            wheel=build_package(root, Path(app.outdir) / DIST, package),
            repository_url=config.annbook_repository_url,
            # Only where it is shown: a new commit makes Sphinx read every page again.
            commit=git_commit(root) if config.annbook_repository_url else "",
        )
    config.annbook_published = dataclasses.asdict(published)
    config.myst_substitutions = {
        **config.myst_substitutions,
        "tested_with": tested_with(),
        "install_annbook": published.markdown(),
    }


def _limit_execution_cache(app) -> None:
    from jupyter_cache import get_cache  # noqa: PLC0415

    cache = get_cache(app.config.nb_execution_cache_path)
    cache.change_cache_limit(app.config.annbook_execution_cache_limit)


def _prepare_chapter(app, docname: str, source: list[str]) -> None:
    """Before myst-nb reads a chapter: fingerprint its kernelspec, add "Tested with"."""
    from myst_nb.core.read import is_myst_markdown_notebook  # noqa: PLC0415

    if project.is_chapter(source[0]):
        text = fingerprint_kernelspec(source[0], app.config.annbook_fingerprint)
        substitutions = app.config.myst_substitutions
        install = substitutions["install_annbook"]
        line = substitutions["tested_with"] + (f"\n\n{install}" if install else "")
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
    notebook.cells[:0] = setup_cells(Published(**app.config.annbook_published))
    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)
    context["ipynb_source"] = target.name


def _add_launch_buttons(app, pagename, templatename, context, doctree) -> None:  # noqa: ARG001
    """Add the theme's launch menu to a chapter whose executed notebook the book offers."""
    if "ipynb_source" not in context:
        return
    buttons = launch_buttons(
        app.config.annbook_repository_url, app.config.annbook_notebooks_branch, pagename
    )
    if buttons:
        context["header_buttons"].append(
            {
                "type": "group",
                "tooltip": "Run this chapter",
                "icon": "fas fa-rocket",
                "buttons": buttons,
                "label": "launch-buttons",
            }
        )


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
    app.add_config_value("annbook_fingerprint", "", "env", types=[str])
    app.add_config_value("annbook_execution_cache_limit", 40, "", types=[int])
    # Where the built book's notebooks are published for Colab and Binder:
    # a GitHub repository and its branch that holds the built site.
    app.add_config_value("annbook_repository_url", "", "html", types=[str])
    app.add_config_value("annbook_notebooks_branch", "", "html", types=[str])
    app.add_config_value("annbook_published", {}, "env", types=[dict])
    app.connect("config-inited", _configure)
    app.connect("builder-inited", _limit_execution_cache)
    app.connect("source-read", _prepare_chapter)
    # Before the theme builds its download menu (priority 501).
    app.connect("html-page-context", _offer_executed_notebook, priority=500)
    # After the theme has made its header buttons (priority 501).
    app.connect("html-page-context", _add_launch_buttons, priority=502)
    app.connect("build-finished", _check_book)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
