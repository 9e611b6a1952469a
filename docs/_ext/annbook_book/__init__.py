"""annbook's Sphinx extension: execute chapters honestly, and check what the book shows.

``docs/conf.py`` puts ``docs/_ext`` on the path and lists ``annbook_book``
among its extensions. It connects:

- ``config-inited``: points Jupyter at the book's kernel (``docs/_kernels``),
  which runs over IPC sockets in a private directory (see
  :mod:`annbook_book.kernel`), tells its kernels that they run in the book's
  build (``ANNBOOK_BOOK_BUILD``, see :func:`annbook.book.glue`), reads the
  package and kernel that the chapters' keys are made of (see
  :class:`annbook_book.execution.ChapterKeys`), builds the package's wheel
  into the site's ``dist`` folder (see :mod:`annbook_book.package`), and
  sets the ``tested_with`` and ``install_annbook`` substitutions;
- ``builder-inited``: limits the execution cache to
  ``annbook_execution_cache_limit`` records, the oldest going first;
- ``builder-inited``, ``env-get-outdated`` and ``build-finished`` (last):
  after a build that did not finish, every page is read (from the execution
  cache) and written again (:mod:`annbook_book.unfinished`);
- ``env-get-outdated``: has Sphinx read again exactly the chapters whose key
  changed since the last build (the keys are kept in the environment; the
  ``env-merge-info`` and ``env-purge-doc`` handlers keep them right under
  ``-j``); a source edit Sphinx sees itself;
- ``env-before-read-docs``: under ``-j``, executes the chapters that time
  themselves (``annbook_execute_alone``) first, alone, then orders the
  documents to read so that the chapters about to execute are shared evenly
  between the processes, the longest first
  (:func:`annbook_book.execution.spread`);
- ``source-read``: puts each chapter's key in its kernelspec (so in its
  jupyter-cache key), and a "Tested with" box with download links under its title;
- ``html-page-context``: writes each chapter's executed notebook beside its
  source, for download, after a cell that checks the reader's annbook; adds
  the launch buttons (Colab, Binder) when the settings name where the built
  book's notebooks are published;
- ``html-page-context``: spares the theme a second navigation tree per page
  that the book's sidebars never show (:func:`_skip_unused_sidebar_check`);
- ``html-page-context`` (late): names the theme's navigation toggles; the
  extension also rewrites how myst-nb's code toggles and the bibliography's
  citations are written (see :mod:`annbook_book.accessibility`);
- ``build-finished``: the book check (:mod:`annbook_book.check`); a problem
  is logged as a warning naming chapter and cell, and fails the build.

For the translated editions (:mod:`annbook_book.translation`) it adds a
transform that records, before Sphinx translates a page, which of its strings
the catalog leaves untranslated or fuzzy, and fails a translated build on
them at ``build-finished``; the ``annbook-translation-status`` table;
the Korean glossary's order; the link to the other edition
(``html-page-context``); the edition's words for what sphinx-exercise,
myst-nb and the theme write (solution titles, code toggles, the footer's
authors); translated downloads; and Korean search
(:mod:`annbook_book.search_ko`).
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from sphinx.util import logging

from annbook import __version__
from annbook.book import BUILD_VARIABLE, code_fingerprint
from tools import project

from . import accessibility, kernel, terms, translation, unfinished
from .check import check_book
from .execution import (
    READER_KERNELSPEC,
    ChapterKeys,
    add_tested_with,
    execution_costs,
    keyed_kernelspec,
    package_folder,
    spread,
    tested_with,
)
from .package import DIST, Published, build_package, git_commit, launch_buttons, setup_cells
from .search_ko import SearchKorean

logger = logging.getLogger(__name__)


def _configure(app, config) -> None:
    kernels = Path(app.srcdir) / project.KERNELS
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        [str(kernels), *filter(None, [os.environ.get("JUPYTER_PATH")])]
    )
    kernel.register()
    os.environ[BUILD_VARIABLE] = "1"
    package = package_folder()
    app.annbook_keys = ChapterKeys(package, kernels)
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
        "tested_with": tested_with(config.language),
        "install_annbook": published.markdown(config.language),
    }


def _limit_execution_cache(app) -> None:
    from jupyter_cache import get_cache  # noqa: PLC0415

    cache = get_cache(app.config.nb_execution_cache_path)
    cache.change_cache_limit(app.config.annbook_execution_cache_limit)


def _stored_keys(env) -> dict[str, str]:
    """Return the key each chapter was read with, by docname, kept in the Sphinx environment."""
    if not hasattr(env, "annbook_keys"):
        env.annbook_keys = {}
    return env.annbook_keys


def _chapters_with_new_keys(app, env, added, changed, removed) -> list[str]:
    """Return the chapters whose key changed since they were read: Sphinx reads them again."""
    stored = _stored_keys(env)
    outdated = []
    for docname in sorted(env.found_docs - added - changed - removed):
        path = Path(env.doc2path(docname))
        text = path.read_text("utf-8") if path.suffix == ".md" and path.is_file() else ""
        if project.is_chapter(text) and app.annbook_keys.key(text) != stored.get(docname):
            outdated.append(docname)
    if outdated:
        logger.info(
            "annbook: what %s depend%s on changed",
            ", ".join(outdated),
            "s" if len(outdated) == 1 else "",
        )
    return outdated


def _forget_key(app, env, docname) -> None:  # noqa: ARG001
    _stored_keys(env).pop(docname, None)


def _merge_keys(app, env, docnames, other) -> None:  # noqa: ARG001
    """Under ``-j``: take the keys of the chapters another process read."""
    theirs = _stored_keys(other)
    _stored_keys(env).update({name: theirs[name] for name in docnames if name in theirs})


def _share_out_chapters(app, env, docnames: list[str]) -> None:
    """Under ``-j``: execute the chapters that time themselves alone, and share out the rest.

    A chapter named in ``annbook_execute_alone`` shows timings, which another
    chapter executing beside it would distort: it is read (and executed)
    here, in the main process, before the parallel readers start. The other
    chapters are then ordered so that the processes share their execution.
    """
    if app.parallel <= 1 or len(docnames) < 2:
        return
    from jupyter_cache import get_cache  # noqa: PLC0415

    chapters = {}
    for docname in docnames:
        path = Path(env.doc2path(docname))
        if path.suffix == ".md" and project.is_chapter(path.read_text("utf-8")):
            chapters[docname] = path
    costs = execution_costs(
        chapters, get_cache(app.config.nb_execution_cache_path), app.annbook_keys
    )
    for docname in [name for name in app.config.annbook_execute_alone if name in costs]:
        logger.info("annbook: executing %s alone, before the others: it times itself", docname)
        app.emit("env-purge-doc", env, docname)
        env.clear_doc(docname)
        app.builder.read_doc(docname)
        docnames.remove(docname)
        del costs[docname]
    docnames[:] = spread(docnames, costs, app.parallel)


def _as_read(app, docname: str, text: str) -> str:
    """Return a chapter's text as myst-nb reads it: keyed kernelspec, "Tested with" box."""
    text = keyed_kernelspec(text, app.annbook_keys.key(text))
    substitutions = app.config.myst_substitutions
    install = substitutions["install_annbook"]
    line = substitutions["tested_with"] + (f"\n\n{install}" if install else "")
    return add_tested_with(text, docname, line, app.config.language)


def _prepare_chapter(app, docname: str, source: list[str]) -> None:
    """Before myst-nb reads a chapter: its key in its kernelspec, and "Tested with"."""
    from myst_nb.core.read import is_myst_markdown_notebook  # noqa: PLC0415

    if project.is_chapter(source[0]):
        _stored_keys(app.env)[docname] = app.annbook_keys.key(source[0])
        source[0] = _as_read(app, docname, source[0])
    elif is_myst_markdown_notebook(source[0]):
        logger.warning(
            "a notebook without a kernelspec would run on another kernel, with no key of "
            "what it depends on, and unchecked; add the chapters' `kernelspec:` "
            "(name: annbook) to its front matter",
            location=docname,
            type="annbook",
            subtype="kernelspec",
        )


#: pydata-sphinx-theme's sidebar templates that its layout drops from a page
#: whose navigation tree would be empty.
_THEME_NAVIGATION = {"sidebar-nav-bs.html", "sidebar-collapse.html"}


def _skip_unused_sidebar_check(app, pagename, templatename, context, doctree) -> None:  # noqa: ARG001
    """Answer "no" for the theme's layout when it asks whether to drop its sidebar navigation.

    For every page, pydata-sphinx-theme's layout calls
    ``suppress_sidebar_toctree``, which builds the page's whole navigation
    tree, only to drop :data:`_THEME_NAVIGATION` from the sidebars when it is
    empty. sphinx-book-theme draws its own navigation instead, so the answer
    changes nothing on the page, and a rebuild that writes every page spends
    a fifth of its time on it.
    """
    if not _THEME_NAVIGATION & set(context.get("sidebars") or ()):
        context["suppress_sidebar_toctree"] = lambda **kwargs: False  # noqa: ARG005


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
    text = path.read_text("utf-8")
    if not project.is_chapter(text):
        return
    import nbformat  # noqa: PLC0415
    from jupyter_cache import get_cache  # noqa: PLC0415
    from myst_nb.core.read import read_myst_markdown_notebook  # noqa: PLC0415

    if app.config.language in project.TRANSLATIONS:
        text = _translated_source(app, pagename, text)
    notebook = read_myst_markdown_notebook(_as_read(app, pagename, text))
    cache = get_cache(app.config.nb_execution_cache_path)
    try:
        _, notebook = cache.merge_match_into_notebook(notebook)
    except KeyError:
        return  # not executed; the book check reports it
    notebook.metadata["kernelspec"] = dict(READER_KERNELSPEC)
    notebook.cells[:0] = setup_cells(Published(**app.config.annbook_published), app.config.language)
    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)
    context["ipynb_source"] = target.name


def _translated_source(app, docname: str, text: str) -> str:
    """Return a page's Markdown with its catalog's translations (code cells are left alone)."""
    path = project.catalog(app.config.language, docname, Path(app.srcdir))
    return translation.translate_markdown(text, translation.translations(path))[0]


def _offer_translated_sources(app, exception) -> None:
    """In a translated edition, make the Markdown downloads (``_sources/*.md``) translated ones.

    Sphinx copies a page's source after the page is written, so they are
    replaced once the build is done.
    """
    if (
        exception is not None
        or app.builder.format != "html"
        or app.config.language not in project.TRANSLATIONS
    ):
        return
    for docname in sorted(app.env.all_docs):
        target = Path(app.outdir) / "_sources" / f"{docname}.md"
        source = Path(app.srcdir) / f"{docname}.md"
        if target.is_file() and source.is_file() and not translation.is_untranslated_page(docname):
            text = _translated_source(app, docname, source.read_text("utf-8"))
            target.write_text(text, "utf-8")


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
            Path(app.srcdir) / project.BANDS,
        )
    else:
        logger.info("book check: %s", result.summary())


def setup(app):
    accessibility.setup(app)
    app.add_config_value("annbook_execution_cache_limit", 40, "", types=[int])
    # Chapters whose outputs are timings: under -j they execute alone (_share_out_chapters).
    app.add_config_value("annbook_execute_alone", [], "", types=[list])
    # Where the built book's notebooks are published for Colab and Binder:
    # a GitHub repository and its branch that holds the built site.
    app.add_config_value("annbook_repository_url", "", "html", types=[str])
    app.add_config_value("annbook_notebooks_branch", "", "html", types=[str])
    # What the downloads' first cell checks (the package's version and
    # fingerprint): the pages are written again when it changes, but not read
    # again, so a docstring edit executes and re-reads no chapter.
    app.add_config_value("annbook_published", {}, "html", types=[dict])
    app.connect("config-inited", _configure)
    app.connect("builder-inited", _limit_execution_cache)
    app.connect("builder-inited", unfinished.start)
    app.connect("env-get-outdated", unfinished.everything_after_unfinished)
    app.connect("env-get-outdated", _chapters_with_new_keys)
    app.connect("env-purge-doc", _forget_key)
    app.connect("env-merge-info", _merge_keys)
    app.connect("env-before-read-docs", _share_out_chapters)
    app.connect("source-read", _prepare_chapter)
    # Before the theme builds its download menu (priority 501).
    app.connect("html-page-context", _offer_executed_notebook, priority=500)
    # After the theme has put its suppress_sidebar_toctree in the context (priority 500).
    app.connect("html-page-context", _skip_unused_sidebar_check, priority=600)
    # After the theme has made its header buttons (priority 501).
    app.connect("html-page-context", _add_launch_buttons, priority=502)
    app.connect("build-finished", _check_book)

    # Translated editions
    app.connect("config-inited", translation.register_glue_text)
    app.connect("config-inited", translation.edition_settings)
    app.connect("builder-inited", translation.theme_words)
    app.add_transform(translation.PrepareTranslation)
    app.add_transform(translation.KoreanFirstGlossary)
    app.add_transform(translation.KeepTranslatedExercises)
    app.add_post_transform(translation.EditionSolutionTitles)
    app.add_post_transform(translation.EditionCodeToggles)
    app.add_node(translation.status_table)
    app.add_directive("annbook-translation-status", translation.TranslationStatus)
    app.add_post_transform(translation.FillStatusTable)
    app.add_post_transform(translation.OfferExerciseTitles)
    app.add_post_transform(translation.TranslateExecutionTable)
    app.connect("env-purge-doc", translation.purge_status)
    app.connect("env-merge-info", translation.merge_status)
    app.connect("env-updated", translation.status_pages)
    app.connect("html-page-context", translation.edition_switch)
    app.connect("build-finished", translation.check_translations)
    terms.setup(app)
    app.connect("build-finished", _offer_translated_sources)
    app.add_search_language(SearchKorean)
    app.connect("build-finished", unfinished.finish, priority=900)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
