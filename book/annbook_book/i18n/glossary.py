"""The glossary in the translated editions: its terms are names, not prose.

All names of a term stay as the glossary gives them (they are no strings of
the catalogs), and the Korean edition lists each entry under its Korean name
first, in the order of its Korean names.
"""

from __future__ import annotations

import unicodedata

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

from annbook_book.layout import HANGUL, KOREAN


def _in_glossary(node: nodes.Node) -> bool:
    while node.parent is not None:
        node = node.parent
        if isinstance(node, addnodes.glossary):
            return True
    return False


class KeepTermsOut(SphinxTransform):
    """Before Sphinx extracts or translates a page's strings: no glossary terms."""

    default_priority = 18  # before the status is recorded (19) and the translation (20)

    def apply(self, **kwargs) -> None:  # noqa: ARG002
        for term in self.document.findall(nodes.term):
            if _in_glossary(term):
                term["translatable"] = False


def _sort_key(text: str) -> str:
    return unicodedata.normalize("NFC", text.lower())


class KoreanFirstGlossary(SphinxTransform):
    """In the Korean edition, list each glossary entry under its Korean name first."""

    default_priority = 30  # after the translation

    def apply(self, **kwargs) -> None:  # noqa: ARG002
        if self.config.language != KOREAN:
            return
        for glossary in self.document.findall(addnodes.glossary):
            for items in glossary.findall(nodes.definition_list):
                for item in items.children:
                    terms = [child for child in item.children if isinstance(child, nodes.term)]
                    korean = next((term for term in terms if HANGUL.search(term.astext())), None)
                    if korean is not None and korean is not terms[0]:
                        item.remove(korean)
                        item.insert(0, korean)
                items.children.sort(key=lambda item: _sort_key(item[0].astext()))


def setup(app):
    app.add_transform(KeepTermsOut)
    app.add_transform(KoreanFirstGlossary)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
