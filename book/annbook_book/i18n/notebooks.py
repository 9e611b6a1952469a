"""What myst-nb writes on a page, in the edition's words: code toggles, the execution table.

myst-nb has no catalog of its own words. Its toggles of hidden code ("Show
code cell source") and the headers of its execution table
(``nb-exec-table``) are written again in a translated edition, from the
extension's catalog. The English edition keeps myst-nb's words.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from annbook_book.layout import TRANSLATIONS

from .messages import _


def toggle_kind(toggle: nodes.Element) -> str:
    """Return what a myst-nb toggle of hidden code shows, from where myst-nb put it.

    Above the input, it holds the input alone ("source") or the whole cell
    ("content"); elsewhere, an output ("output").

    Examples
    --------
    >>> from myst_nb.sphinx_ import HideCodeCellNode
    >>> source = HideCodeCellNode("", nodes.container(), classes=["above-input"])
    >>> cell = HideCodeCellNode("", nodes.container(), nodes.container(), classes=["above-input"])
    >>> output = HideCodeCellNode("", nodes.container(), classes=["below-input"])
    >>> [toggle_kind(toggle) for toggle in (source, cell, output)]
    ['source', 'content', 'output']
    """
    if "above-input" not in toggle["classes"]:
        return "output"
    return "content" if len(toggle.children) > 1 else "source"


def toggle_words(kind: str) -> tuple[str, str]:
    """Return the edition's words for a toggle that shows and hides ``kind`` (:func:`toggle_kind`)."""
    words = {
        "source": (_("Show code cell source"), _("Hide code cell source")),
        "content": (_("Show code cell content"), _("Hide code cell content")),
        "output": (_("Show code cell output"), _("Hide code cell output")),
    }
    return words[kind]


class EditionCodeToggles(SphinxPostTransform):
    """Write myst-nb's toggles of hidden code in the edition's words.

    myst-nb fills its ``nb_code_prompt_show`` pattern with an English word for
    what the toggle shows; the toggle's place says which: above the input
    alone (source), around the whole cell (content), or around an output.
    The toggle is named by these visible words (see
    :mod:`annbook_book.accessibility`).
    """

    default_priority = 200  # after myst-nb's HideInputCells (199)
    formats = ("html",)

    def run(self, **kwargs) -> None:  # noqa: ARG002
        from myst_nb.sphinx_ import HideCodeCellNode  # noqa: PLC0415

        if self.config.language not in TRANSLATIONS:
            return
        for toggle in self.document.findall(HideCodeCellNode):
            toggle["prompt_show"], toggle["prompt_hide"] = toggle_words(toggle_kind(toggle))


def execution_table_headers() -> dict[str, str]:
    """Return the edition's words for the headers of myst-nb's execution table, by myst-nb's."""
    return {
        "Document": _("Document"),
        "Modified": _("Modified"),
        "Method": _("Method"),
        "Run Time (s)": _("Run Time (s)"),
        "Status": _("Status"),
    }


class EditionExecutionTable(SphinxPostTransform):
    """Write the headers of myst-nb's execution table in the edition's words."""

    default_priority = 9  # after myst-nb fills the table (8)

    def run(self, **kwargs) -> None:  # noqa: ARG002
        if self.config.language not in TRANSLATIONS:
            return
        headers = execution_table_headers()
        for head in self.document.findall(nodes.thead):
            texts = [entry.astext() for entry in head.findall(nodes.entry)]
            if texts != list(headers):
                continue
            for entry in list(head.findall(nodes.entry)):
                words = headers[entry.astext()]
                entry.replace_self(nodes.entry("", nodes.paragraph("", words)))


def setup(app):
    app.add_post_transform(EditionCodeToggles)
    app.add_post_transform(EditionExecutionTable)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
