"""What the book gives its readers besides its pages: the wheel, the "Tested with" box, downloads.

Its :func:`setup` connects:

- ``config-inited``: builds the package's wheel into the site's ``dist``
  folder (see :mod:`annbook_book.publishing.package`), and sets the
  ``tested_with`` and ``install_annbook`` substitutions;
- ``source-read``: a "Tested with" box with download links under each
  chapter's title (after its key is in its kernelspec), in the edition's
  words and kept out of the chapters' catalogs;
- ``html-page-context``: names each chapter's executed notebook in the
  download menu; adds the launch buttons (Colab, Binder) when the settings
  name where the built book's notebooks are published;
- ``build-finished``: writes each chapter's reader's notebook beside its
  source, for download: the page's prose as plain Markdown around the
  executed code cells (:mod:`.reader`), after a cell that checks the
  reader's annbook.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from sphinx.errors import ExtensionError

from annbook import __version__
from annbook.book import code_fingerprint
from annbook_book import layout
from annbook_book.execution import keyed
from annbook_book.execution.cache import open_cache
from annbook_book.execution.keys import package_folder
from annbook_book.i18n.messages import translation

from .box import READER_KERNELSPEC, KeepBoxOutOfCatalogs, add_tested_with, matrix_line, tested_with
from .markdown import Block, PageWriter, UnknownNode, notebook_link
from .package import DIST, Published, build_package, git_commit, launch_buttons, setup_cells
from .reader import note_cell, reader_notebook


def _publish(app, config) -> None:
    package = package_folder()
    fingerprint = code_fingerprint(package)
    published = Published(__version__, fingerprint, base_url=config.html_baseurl)
    root = Path(app.srcdir).parent
    if (root / "pyproject.toml").is_file():  # a book of this project, not a test's small book
        published = dataclasses.replace(
            published,
            wheel=build_package(root, Path(app.outdir) / DIST, package, fingerprint),
            repository_url=config.annbook_repository_url,
            # Only where it is shown: a new commit makes Sphinx read every page again.
            commit=git_commit(root) if config.annbook_repository_url else "",
        )
    config.annbook_published = dataclasses.asdict(published)
    config.myst_substitutions = {
        **config.myst_substitutions,
        "tested_with": tested_with(config.language),
        "tested_matrix": matrix_line(config.language, versions=True),
        "tested_box": translation(config.language)
        .gettext("annbook's tests {line}.")
        .format(line=matrix_line(config.language)),
        "install_annbook": published.markdown(config.language),
    }


def _with_box(app, docname: str, text: str) -> str:
    """Return a chapter's text with the "Tested with" box under its title."""
    substitutions = app.config.myst_substitutions
    install = substitutions["install_annbook"]
    line = f"{substitutions['tested_with']}\n\n{substitutions['tested_box']}"
    line += f"\n\n{install}" if install else ""
    return add_tested_with(text, docname, line, app.config.language)


def _add_box(app, docname: str, source: list[str]) -> None:
    if layout.is_chapter(source[0]):
        source[0] = _with_box(app, docname, source[0])


def _offer_executed_notebook(app, pagename, templatename, context, doctree) -> None:  # noqa: ARG001
    """Name a chapter's executed notebook, for the theme's download menu (``.ipynb``).

    The notebook itself is written when the build has finished
    (:func:`_write_executed_notebooks`).
    """
    path = Path(app.srcdir) / f"{pagename}.md"
    if doctree is not None and path.is_file() and layout.is_chapter(path.read_text("utf-8")):
        context["ipynb_source"] = f"{pagename}.ipynb"


def _page_blocks(app, pagename: str) -> list[Block]:
    """Return a chapter's page, as its resolved doctree shows it, in Markdown blocks."""
    env = app.env
    doctree = env.get_and_resolve_doctree(pagename, app.builder, tags=app.builder.tags)
    fignumbers = env.toc_fignumbers.get(pagename, {})
    standard = env.get_domain("std")
    edition = layout.edition_folder(app.config.language)

    def numbers(node) -> str:
        figtype = standard.get_enumerable_node_type(node)
        ids = node.get("ids", [])
        number = fignumbers.get(figtype, {}).get(ids[0]) if figtype and ids else None
        if number is None:
            return ""
        return app.config.numfig_format[figtype] % ".".join(map(str, number))

    def link(address: str) -> str:
        return notebook_link(address, pagename, base_url=app.config.html_baseurl, edition=edition)

    return PageWriter(pagename, link, numbers).page(doctree)


def _write_executed_notebooks(app, exception) -> None:
    """Write each chapter's reader's notebook beside its source, for download.

    Its code cells are the executed ones: myst-nb renders a chapter from the
    execution cache, and the notebook it writes to ``jupyter_execute`` on a
    cache hit has no outputs, so they are taken from the cache too, with the
    kernel a reader has (``python3``). Its prose is the page, in the
    edition's language, as plain Markdown (:mod:`.markdown`, :mod:`.reader`),
    after a note that its numbers are the book's run and a cell that checks
    the reader's annbook. Every build writes every chapter's: a docstring
    edit changes the package's fingerprint, which that cell checks, but
    writes no page again.
    """
    if exception is not None or app.builder.format != "html":
        return
    import nbformat  # noqa: PLC0415
    from myst_nb.core.read import read_myst_markdown_notebook  # noqa: PLC0415

    published = Published(**app.config.annbook_published)
    with open_cache(app.config.nb_execution_cache_path) as cache:
        for path in layout.chapters(Path(app.srcdir)):
            pagename = path.stem
            if pagename not in app.env.found_docs:
                continue
            text = _with_box(app, pagename, keyed(app, path.read_text("utf-8")))
            notebook = read_myst_markdown_notebook(text, add_source_map=True)
            source_map = notebook.metadata.pop("source_map")
            try:
                _, notebook = cache.merge_match_into_notebook(notebook)
            except KeyError:
                continue  # not executed; the book check reports it
            try:
                blocks = _page_blocks(app, pagename)
            except UnknownNode as error:
                raise ExtensionError(str(error)) from None
            notebook = reader_notebook(notebook, blocks, source_map, pagename)
            notebook.metadata["kernelspec"] = dict(READER_KERNELSPEC)
            notebook.cells[:0] = [note_cell(), *setup_cells(published, app.config.language)]
            target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(notebook, target)


def _add_launch_buttons(app, pagename, templatename, context, doctree) -> None:  # noqa: ARG001
    """Add the theme's launch menu to a chapter whose executed notebook the book offers."""
    if "ipynb_source" not in context:
        return
    buttons = launch_buttons(
        app.config.annbook_repository_url, app.config.annbook_notebooks_branch, pagename,
        layout.edition_folder(app.config.language),
    )  # fmt: skip
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


def setup(app):
    # Where the built book's notebooks are published for Colab and Binder:
    # a GitHub repository and its branch that holds the built site.
    app.add_config_value("annbook_repository_url", "", "html", types=[str])
    app.add_config_value("annbook_notebooks_branch", "", "html", types=[str])
    # What the downloads' first cell checks (the package's version and
    # fingerprint): the downloads are written again on every build, the pages
    # not, so a docstring edit executes, reads and writes no chapter.
    app.add_config_value("annbook_published", {}, "", types=[dict])
    app.connect("config-inited", _publish)
    app.add_transform(KeepBoxOutOfCatalogs)
    # After the chapter's key is in its kernelspec (annbook_book.execution, priority 500).
    app.connect("source-read", _add_box, priority=501)
    # Before the theme builds its download menu (priority 501).
    app.connect("html-page-context", _offer_executed_notebook, priority=500)
    app.connect("build-finished", _write_executed_notebooks)
    # After the theme has made its header buttons (priority 501).
    app.connect("html-page-context", _add_launch_buttons, priority=502)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
