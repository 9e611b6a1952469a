"""What the theme shows in English, in a translated edition's words: its labels, the footer.

The theme (pydata-sphinx-theme, under sphinx-book-theme) writes words, shown
or read out (``aria-label``, ``title``), that no catalog translates into
Korean, and Sphinx's Korean catalog leaves some of its own empty; the
authors in the footer and the search field's text come from ``conf.py``.
They are words of the extension's catalog (:mod:`annbook_book.i18n.messages`).
"""

from __future__ import annotations

import gettext

from sphinx.locale import get_translator

from annbook_book.layout import TRANSLATIONS

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


def setup(app):
    app.connect("config-inited", edition_settings)
    app.connect("builder-inited", theme_words)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
