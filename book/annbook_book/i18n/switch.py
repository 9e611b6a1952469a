"""The link on each page to the same page in the other edition, in that edition's language."""

from __future__ import annotations

from babel import Locale

from annbook_book.layout import TRANSLATIONS

from .messages import translation


def edition_switch(app, pagename, templatename, context, doctree) -> None:  # noqa: ARG001
    """Give the page template a link to the same page in the other edition.

    The link reads in the other edition's language: its name (in that
    language, from the Unicode CLDR) and "Read this page in ..." from the
    extension's catalog. It is relative, so that it works from files and
    under any address: the Korean edition sits in the ``ko`` folder of the
    English one.
    """
    depth = pagename.count("/")
    if app.config.language in TRANSLATIONS:
        other = "en"
        href = "../" * (depth + 1) + f"{pagename}.html"
    else:
        other = TRANSLATIONS[0]
        href = "../" * depth + f"{other}/{pagename}.html"
    name = Locale.parse(other).get_display_name(other)
    context["annbook_edition_switch"] = {
        "href": href,
        "lang": other,
        "label": name,
        "title": translation(other).gettext("Read this page in {language}").format(language=name),
    }


def setup(app):
    app.connect("html-page-context", edition_switch)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
