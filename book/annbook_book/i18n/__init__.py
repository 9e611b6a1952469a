"""The translated editions: catalogs, the edition's own words, the edition switch, search.

Its :func:`setup` adds what :mod:`annbook_book.i18n.translation` defines: a
transform that records, before Sphinx translates a page, which of its
strings the catalog leaves untranslated or fuzzy, and fails a translated
build on them at ``build-finished``; the ``annbook-translation-status``
table; the Korean glossary's order; the link to the other edition
(``html-page-context``); the edition's words for what sphinx-exercise,
myst-nb and the theme write (solution titles, code toggles, the footer's
authors); translated Markdown downloads (:func:`_offer_translated_sources`);
and Korean search (:mod:`annbook_book.i18n.search_ko`).
"""

from __future__ import annotations

from pathlib import Path

from annbook_book import layout

from . import terms, translation
from .search_ko import SearchKorean


def translated_source(app, docname: str, text: str) -> str:
    """Return a page's Markdown with its catalog's translations (code cells are left alone)."""
    path = layout.catalog(app.config.language, docname, Path(app.srcdir))
    return translation.translate_markdown(text, translation.translations(path))[0]


def _offer_translated_sources(app, exception) -> None:
    """In a translated edition, make the Markdown downloads (``_sources/*.md``) translated ones.

    Sphinx copies a page's source after the page is written, so they are
    replaced once the build is done.
    """
    if (
        exception is not None
        or app.builder.format != "html"
        or app.config.language not in layout.TRANSLATIONS
    ):
        return
    for docname in sorted(app.env.all_docs):
        target = Path(app.outdir) / "_sources" / f"{docname}.md"
        source = Path(app.srcdir) / f"{docname}.md"
        if target.is_file() and source.is_file() and not translation.is_untranslated_page(docname):
            text = translated_source(app, docname, source.read_text("utf-8"))
            target.write_text(text, "utf-8")


def setup(app):
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
    return {"parallel_read_safe": True, "parallel_write_safe": True}
