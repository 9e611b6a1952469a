"""``{annbook-translation-status}``: a table of each chapter's translation status.

The table is of every page, so the pages that show it are written again on
every build, once every page has been read.
"""

from __future__ import annotations

import functools
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from annbook_book import layout

from .messages import _
from .status import PageStatus, Statuses

DIRECTIVE = "annbook-translation-status"


class status_table(nodes.General, nodes.Element):  # a docutils node: lower case
    """Where the translation status table goes, once every page has been read."""


class TranslationStatus(SphinxDirective):
    """``{annbook-translation-status}``: a table of each chapter's translation status."""

    def run(self):
        return [status_table()]


class FillStatusTable(SphinxPostTransform):
    default_priority = 8

    def run(self, **kwargs) -> None:  # noqa: ARG002
        for node in self.document.findall(status_table):
            node.replace_self(self.table())

    def table(self) -> nodes.table:
        statuses = Statuses.values(self.env)
        headers = [_("Chapter"), _("Translated"), _("Fuzzy"), _("Untranslated")]
        rows = []
        for chapter in layout.chapters(Path(self.env.srcdir)):
            status = statuses.get(chapter.stem, PageStatus())
            reference = addnodes.pending_xref(
                "", nodes.inline(text=chapter.stem), refdomain="std", reftype="doc",
                reftarget="/" + chapter.stem, refexplicit=False, refdoc=self.env.docname,
            )  # fmt: skip
            not_fuzzy = len(status.missing) - status.fuzzy
            cells = [f"{status.translated}/{status.total}", str(status.fuzzy), str(not_fuzzy)]
            rows.append([reference, *(nodes.Text(cell) for cell in cells)])
        return _table(headers, rows)


def _table(headers: list[str], rows: list[list[nodes.Node]]) -> nodes.table:
    table = nodes.table(classes=["colwidths-auto"])
    group = nodes.tgroup(cols=len(headers))
    table += group
    group += [nodes.colspec(colwidth=1) for _header in headers]
    group += nodes.thead("", _row([nodes.Text(header) for header in headers]))
    group += nodes.tbody("", *(_row(row) for row in rows))
    return table


def _row(cells: list[nodes.Node]) -> nodes.row:
    return nodes.row("", *(nodes.entry("", nodes.paragraph("", "", cell)) for cell in cells))


def status_pages(app, env) -> list[str]:  # noqa: ARG001
    """Write the pages with a status table again on every build: the table is of all pages."""
    return [name for name in env.all_docs if DIRECTIVE in _source(env, name)]


@functools.cache
def _source_text(path: str, mtime: int) -> str:  # noqa: ARG001 (cache key)
    return Path(path).read_text("utf-8")


def _source(env, docname: str) -> str:
    path = Path(env.doc2path(docname))
    return _source_text(str(path), path.stat().st_mtime_ns) if path.is_file() else ""


def setup(app):
    app.add_node(status_table)
    app.add_directive(DIRECTIVE, TranslationStatus)
    app.add_post_transform(FillStatusTable)
    app.connect("env-updated", status_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
