"""What the theme shows in English, in a translated edition's words: its labels, the footer.

The theme (pydata-sphinx-theme, under sphinx-book-theme) writes words, shown
or read out (``aria-label``, ``title``), that no catalog translates into
Korean, and Sphinx's Korean catalog leaves some of its own empty; the
authors in the footer and the search field's text come from ``conf.py``.
They are words of the extension's catalog (:mod:`annbook_book.i18n.messages`).
A link to the previous or next page names a page that stays English (the API
reference) as the book's contents do, in the edition's words
(:func:`name_english_neighbours`).
"""

from __future__ import annotations

import functools
import gettext
from html import escape

from sphinx import addnodes
from sphinx.locale import get_translator

from annbook_book.layout import TRANSLATIONS, UNTRANSLATED

from .messages import DOMAIN, _


def N_(message: str) -> str:
    """Return ``message``: a word of the catalog that the templates, not this code, look up."""
    return message


#: The words the templates look up in Sphinx's catalog that it does not translate.
THEME_WORDS = (
    N_("Skip to main content"),
    N_("Back to top"),
    N_("On this page"),
    N_("Section Navigation"),
    N_("Color mode"),
    N_("Light"),
    N_("Dark"),
    N_("System Settings"),
    N_("Site navigation"),
    N_("Breadcrumb"),
    N_("Version warning"),
    N_("previous page"),
    N_("next page"),
    # Sphinx's own, which its Korean catalog leaves empty.
    N_("Link to this heading"),
    N_("Link to this image"),
    N_("Link to this table"),
    N_("Link to this code"),
    N_("Link to this definition"),
    N_("Link to this equation"),
    N_("Link to this term"),
    N_("Please activate JavaScript to enable the search functionality."),
)


def edition_settings(app, config) -> None:  # noqa: ARG001
    """In a translated edition, name the authors (the footer shows them) and the search field."""
    if config.language not in TRANSLATIONS:
        return
    if config.author:
        author = _("The annbook authors")
        config.copyright = config.copyright.replace(config.author, author)
        config.author = author
    config.html_theme_options = {**config.html_theme_options, "search_bar_text": _("Search...")}


class _Fallback(gettext.NullTranslations):
    """The extension's words, where Sphinx's catalog has none (its last fallback)."""

    def gettext(self, message: str) -> str:
        return get_translator(DOMAIN).gettext(message)


def theme_words(app) -> None:
    """In a translated edition, translate the theme's words that no catalog translates.

    The extension's catalog is the last place the templates look, after
    Sphinx's, the theme's and the book's catalogs (``sphinx.po``).
    """
    if app.config.language not in TRANSLATIONS:
        return
    get_translator().add_fallback(_Fallback())


@functools.lru_cache(maxsize=1)
def contents_names(env) -> dict[str, str]:
    """Return the names that the book's contents (its toctrees) give the pages that stay English."""
    names = {}
    for parent, children in env.toctree_includes.items():
        if not any(child.startswith(UNTRANSLATED) for child in children):
            continue
        for toctree in env.get_doctree(parent).findall(addnodes.toctree):
            for title, docname in toctree["entries"]:
                if title and docname and docname.startswith(UNTRANSLATED):
                    names[docname] = title
    return names


def name_english_neighbours(app, pagename, templatename, context, doctree) -> None:  # noqa: ARG001
    """In a translated edition, name a previous or next page that stays English as the contents do.

    Sphinx names the neighbours by their titles, so the Korean execution
    report led to "API reference"; the contents call it "API 참조(영문)".
    """
    relations = getattr(app.builder, "relations", {})
    if app.config.language not in TRANSLATIONS or pagename not in relations:
        return
    names = contents_names(app.env)
    _parent, previous, following = relations[pagename]
    for key, docname in (("prev", previous), ("next", following)):
        if context.get(key) and docname in names:
            context[key] = {**context[key], "title": escape(names[docname])}
    context["rellinks"] = [
        (docname, escape(names[docname]) if docname in names else title, *rest)
        for docname, title, *rest in context.get("rellinks", [])
    ]


def setup(app):
    app.connect("config-inited", edition_settings)
    app.connect("builder-inited", theme_words)
    app.connect("html-page-context", name_english_neighbours)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
