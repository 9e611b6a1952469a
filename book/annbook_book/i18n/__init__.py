"""The translated editions: one feature per module, each with its own ``setup(app)``.

- :mod:`~annbook_book.i18n.messages`: the extension's own words, in one
  message catalog per language (``annbook_book/locale``);
- :mod:`~annbook_book.i18n.status`: each page's translation status, and the
  gate that fails a translated build on any string not translated;
- :mod:`~annbook_book.i18n.prose`, :mod:`~annbook_book.i18n.glossary`: what
  stays out of the catalogs (math, front matter, the glossary's terms), and
  the Korean glossary's order;
- :mod:`~annbook_book.i18n.exercises`, :mod:`~annbook_book.i18n.notebooks`,
  :mod:`~annbook_book.i18n.theme`: what sphinx-exercise, myst-nb and the
  theme write, in the edition's words;
- :mod:`~annbook_book.i18n.glue`: ``{glue:text}`` in a translated string;
- :mod:`~annbook_book.i18n.status_table`: the ``annbook-translation-status``
  directive;
- :mod:`~annbook_book.i18n.switch`: the link to the other edition;
- :mod:`~annbook_book.i18n.downloads`: translated Markdown downloads;
- :mod:`~annbook_book.i18n.terms`: the term list every catalog keeps;
- :mod:`~annbook_book.i18n.search_ko`: Korean search;
- :mod:`~annbook_book.i18n.citations_ko`: citations in Korean words.

:mod:`~annbook_book.i18n.catalogs` reads the catalogs and brings them up to
date (``nox -s translations``).
"""

from __future__ import annotations

from . import (
    citations_ko,
    downloads,
    exercises,
    glossary,
    glue,
    messages,
    notebooks,
    prose,
    search_ko,
    status,
    status_table,
    switch,
    terms,
    theme,
)

FEATURES = (
    messages, status, prose, glossary, exercises, notebooks, theme, glue, status_table, switch,
    downloads, terms, citations_ko,
)  # fmt: skip


def setup(app):
    for feature in FEATURES:
        feature.setup(app)
    # An extension of its own, so that its env_version (how the index is stemmed) counts.
    app.setup_extension(search_ko.__name__)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
