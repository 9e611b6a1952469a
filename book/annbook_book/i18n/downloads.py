"""A translated edition's downloads: a chapter's Markdown, translated by its catalog.

The Markdown download of each page (``_sources/<page>.md``) is the page's
source with its catalog's translations. The notebook download takes its
prose from the translated page itself (:mod:`annbook_book.publishing.reader`).
"""

from __future__ import annotations

import re
from pathlib import Path

from annbook_book import layout

from .catalogs import translations
from .status import is_untranslated_page

#: What may stand before a translatable string on its line: indentation and a
#: heading, list, quote, table or directive marker.
_BEFORE = (
    r"(?P<before>(?:^|\|)[ \t]*"
    r"(?:#{1,6}[ \t]+|[-*+][ \t]+|\d+\.[ \t]+|>[ \t]*|(?:`{3,}|:{3,})\{[^}\n]+\}[ \t]+)?)"
)
_AFTER = r"(?=[ \t]*(?:\||$))"


def translate_markdown(text: str, strings: dict[str, str]) -> tuple[str, int]:
    """Return Markdown with each whole string of ``strings`` translated, and how many were.

    A string is a paragraph, heading, list item, table cell or directive title
    as Sphinx extracts it: the source with its line breaks folded. It is
    replaced where it fills its block, never inside a longer one, so a term
    that is also a table cell stays as the translated paragraph has it. Code
    cells are left alone.

    Examples
    --------
    >>> markdown = "## Setup\\n\\nA neuron\\nlearns.\\n\\n| a | b |\\n"
    >>> translate_markdown(markdown, {"Setup": "준비", "A neuron learns.": "뉴런은 배운다.", "b": "나"})
    ('## 준비\\n\\n뉴런은 배운다.\\n\\n| a | 나 |\\n', 3)
    """
    parts = re.split(r"(^```\{code-cell\}.*?^```$)", text, flags=re.DOTALL | re.MULTILINE)
    done = 0
    for msgid in sorted(strings, key=len, reverse=True):
        if strings[msgid] == msgid:
            continue
        body = r"(?:[ \t]+|[ \t]*\n[ \t]*)".join(re.escape(word) for word in msgid.split())
        pattern = re.compile(_BEFORE + body + _AFTER, re.MULTILINE)
        translated = strings[msgid]
        found = 0
        for index in range(0, len(parts), 2):  # the odd parts are code cells
            parts[index], count = pattern.subn(
                lambda match, translated=translated: match["before"] + translated, parts[index]
            )
            found += count
        done += bool(found)
    return "".join(parts), done


def translated_source(app, docname: str, text: str) -> str:
    """Return a page's Markdown with its catalog's translations (code cells are left alone)."""
    path = layout.catalog(app.config.language, docname, Path(app.srcdir))
    return translate_markdown(text, translations(path))[0]


def offer_translated_sources(app, exception) -> None:
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
        if target.is_file() and source.is_file() and not is_untranslated_page(docname):
            text = translated_source(app, docname, source.read_text("utf-8"))
            target.write_text(text, "utf-8")


def setup(app):
    app.connect("build-finished", offer_translated_sources)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
