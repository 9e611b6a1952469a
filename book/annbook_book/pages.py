"""What every page gets from the book's own files: its templates, its search ranking, a faster sidebar.

Its :func:`setup` adds, at ``config-inited``, the book's templates (the link
to the same page in the other edition, the sidebar navigation drawn once,
the layout whose print-only contents are named in the edition's words) to
``templates_path``, and its search scorer (``search_scorer.js``: a
chapter ranks above the landing page that repeats its title, and above the
glossary's entry for a term its titles name) as
``html_search_scorer`` unless the book sets one; at ``html-page-context`` it
spares the theme a navigation tree that the book's sidebars never show
(:func:`_skip_unused_sidebar_check`).
"""

from __future__ import annotations

from pathlib import Path

#: The book's own templates, named in ``docs/conf.py`` (sidebars, theme options).
TEMPLATES = Path(__file__).parent / "templates"
#: Sphinx's search scores with one change (see the file's comment).
SEARCH_SCORER = Path(__file__).parent / "search_scorer.js"
#: pydata-sphinx-theme's sidebar templates that its layout drops from a page
#: whose navigation tree would be empty.
_THEME_NAVIGATION = {"sidebar-nav-bs.html", "sidebar-collapse.html"}


def _add_book_files(app, config) -> None:  # noqa: ARG001
    config.templates_path = [*config.templates_path, str(TEMPLATES)]
    if not config.html_search_scorer:
        config.html_search_scorer = str(SEARCH_SCORER)


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


def setup(app):
    app.connect("config-inited", _add_book_files)
    # After the theme has put its suppress_sidebar_toctree in the context (priority 500).
    app.connect("html-page-context", _skip_unused_sidebar_check, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
