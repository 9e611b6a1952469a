"""A chapter's page as Jupyter Markdown: the prose of the notebook a reader downloads.

The page is read from Sphinx's resolved doctree, after glue, translation and
references have done their work: every glued number is the text the page
shows, a term or a citation is the words the page shows linked to the
glossary or the bibliography, a cross-reference is a link, an exercise a
heading with its solution folded (``<details>``), an admonition a quoted
block under its bold title, a figure's caption the text under the cell that
draws it, math ``$…$`` and ``$$…$$`` as Jupyter renders them.

The page becomes a list of :class:`Block`: Markdown, or the place of one of
the chapter's code cells (by its index in the chapter's notebook), which
:mod:`annbook_book.publishing.reader` pairs with the executed cell.

Only the node types the book's pages use are written; any other is an
error naming the node and the page (:class:`UnknownNode`), never dropped
without a word: a page that uses a new kind of node needs a line here.
(A library that writes doctrees as Markdown, sphinx-markdown-builder, is a
whole builder of its own that skips a node it does not know with a warning,
and knows none of myst-nb's cells or sphinx-exercise's exercises: the
writer here is the few lines those need.)
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from docutils import nodes
from sphinx import addnodes
from sphinx.locale import admonitionlabels
from sphinx.util.nodes import clean_astext
from sphinx_exercise.nodes import exercise_enumerable_node, exercise_node, solution_node

if TYPE_CHECKING:
    from collections.abc import Callable

#: What the notebook's Markdown must escape in a page's text, for Jupyter's
#: Markdown and its math (``$``).
_SPECIAL = re.compile(r"([\\`*_\[\]<>$~|#])")
#: What starts a list, quote or heading at the start of a line of text.
_LINE_START = re.compile(r"^(\s*)(\d+[.)]|[-+])(?=\s)")
#: The addresses in a page's own HTML (the "Tested with" box).
_HTML_LINK = re.compile(r'\b(href|src)="([^"]*)"')
#: Nodes that show nothing on the page, nor in the notebook.
_SILENT = (nodes.target, nodes.comment, nodes.substitution_definition, addnodes.index)


class UnknownNode(Exception):
    """A page uses a node type the reader's notebook cannot write yet."""


@dataclass(frozen=True)
class Block:
    """One piece of a page in a notebook: Markdown, or the place of a code cell.

    ``cell`` is the index of the code cell in the chapter's notebook, and
    ``fold`` says it belongs to an exercise's solution (the notebook folds
    it). ``line`` is the line of the chapter's source the Markdown comes
    from, where the page knows it.
    """

    markdown: str = ""
    cell: int | None = None
    fold: bool = False
    line: int | None = None


def escape(text: str) -> str:
    r"""Return a page's text as Markdown that shows it unchanged, on one line.

    Examples
    --------
    >>> print(escape("a*b costs $5 [sic]\nnext line"))
    a\*b costs \$5 \[sic\] next line
    >>> print(escape("1. not a list"))
    1\. not a list
    """
    text = _SPECIAL.sub(r"\\\1", " ".join(text.split("\n")))
    return _LINE_START.sub(lambda start: f"{start[1]}{start[2][:-1]}\\{start[2][-1]}", text)


def fence(text: str, least: int = 1) -> str:
    """Return a run of backticks longer than any in ``text``, at least ``least`` long."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(least, longest + 1)


def code(text: str) -> str:
    """Return inline code that shows ``text``, fenced by more backticks than it holds.

    Examples
    --------
    >>> print(code("build_mlp"), code("a`b"))
    `build_mlp` ``a`b``
    """
    marks = fence(text)
    padded = f" {text} " if text.startswith("`") or text.endswith("`") else text
    return f"{marks}{padded}{marks}"


def quote(markdown: str, prefix: str = "> ") -> str:
    """Return ``markdown`` with ``prefix`` before each line (``>`` on blank ones)."""
    return "\n".join(prefix + line if line else prefix.rstrip() for line in markdown.split("\n"))


def indent(markdown: str, first: str) -> str:
    """Return ``markdown`` as a list item's body: ``first`` before its first line."""
    pad = " " * len(first)
    lines = markdown.split("\n")
    return "\n".join([first + lines[0], *(pad + line if line else "" for line in lines[1:])])


class PageWriter:
    """Write one page's resolved doctree as :class:`Block` s.

    Parameters
    ----------
    docname : str
        The page's name, for messages.
    link : callable
        ``link(uri)``: the notebook's address for an address of the page
        (``glossary.html#term-x``, ``#id3``, ``https://…``).
    numbers : callable
        ``numbers(node)``: what the page prefixes to a numbered node's title
        or caption ("Fig. 2", "Exercise 1"), or "".
    """

    def __init__(
        self, docname: str, link: Callable[[str], str], numbers: Callable[[nodes.Element], str]
    ) -> None:
        self.docname = docname
        self.link = link
        self.numbers = numbers

    def unknown(self, node: nodes.Node) -> UnknownNode:
        line, parent = None, node
        while parent is not None and not line:
            line, parent = getattr(parent, "line", None), parent.parent
        where = f"{self.docname}.md:{line}" if line else self.docname
        return UnknownNode(
            f"{where}: the reader's notebook cannot write a {type(node).__module__}."
            f"{type(node).__name__} node ({node.astext()[:60]!r}); "
            "teach annbook_book.publishing.markdown to write it"
        )

    # -- blocks ------------------------------------------------------------

    def page(self, document: nodes.document) -> list[Block]:
        """Return the page's blocks, its code cells in their order."""
        return self.blocks(document.children, level=0)

    def blocks(self, children, level: int) -> list[Block]:
        out: list[Block] = []
        for child in children:
            out += self.block(child, level)
        return out

    def block(self, node: nodes.Node, level: int) -> list[Block]:  # noqa: PLR0911, PLR0912
        line = getattr(node, "line", None)

        def text(markdown: str) -> list[Block]:
            return [Block(markdown, line=line)] if markdown else []

        if isinstance(node, _SILENT):
            return []
        if isinstance(node, nodes.container) and node.get("nb_element") == "cell_code":
            return self.code_cell(node)
        if isinstance(node, nodes.section):
            titles = [child for child in node.children if isinstance(child, nodes.title)]
            rest = [child for child in node.children if not isinstance(child, nodes.title)]
            if not titles:  # sphinx-exercise's wrapper of an exercise's body
                return self.blocks(rest, level)
            heading = "#" * min(level + 1, 6) + " " + self.inline_children(titles[0])
            return [Block(heading, line=titles[0].line or line), *self.blocks(rest, level + 1)]
        if isinstance(node, exercise_node | exercise_enumerable_node):
            return self.exercise(node, level)
        if isinstance(node, solution_node):
            return self.solution(node, level)
        if isinstance(node, addnodes.compact_paragraph) and node.get("toctree"):
            return self.blocks(node.children, level)  # a toctree, as the page lists it
        if isinstance(node, nodes.paragraph):
            return text(self.inline_children(node))
        if isinstance(node, nodes.bullet_list | nodes.enumerated_list):
            return text(self.list_(node, level))
        if isinstance(node, nodes.table):
            return text(self.table(node))
        if isinstance(node, nodes.math_block):
            return text(self.math_block(node))
        if isinstance(node, nodes.literal_block):
            language = node.get("language", "")
            language = "" if language in {"default", "none"} else language
            marks = fence(node.astext(), least=3)
            return text(f"{marks}{language}\n{node.astext()}\n{marks}")
        if isinstance(node, nodes.admonition) or (
            isinstance(node, nodes.Admonition) and node.tagname in admonitionlabels
        ):  # ``{admonition}`` with its title, or ``{note}``, ``{tip}``… with Sphinx's
            return text(self.admonition(node, level))
        if isinstance(node, nodes.block_quote):
            return text(quote(self.markdown(node.children, level)))
        if isinstance(node, nodes.citation):  # a bibliography on the page: "[1] Author. Title."
            return text(self.citation(node, level))
        if isinstance(node, nodes.transition):
            return text("---")
        if isinstance(node, nodes.rubric):
            return text(f"**{self.inline_children(node)}**")
        if isinstance(node, nodes.raw):
            return text(self.raw(node))
        if isinstance(node, nodes.container | nodes.compound):
            return self.blocks(node.children, level)
        raise self.unknown(node)

    def markdown(self, children, level: int) -> str:
        """Return the Markdown of block nodes that hold no code cell."""
        blocks = self.blocks(children, level)
        if any(block.cell is not None for block in blocks):
            node = next(iter(children))
            msg = (
                f"{self.docname}.md:{node.line}: a code cell in a list, table, quote or "
                "admonition; the reader's notebook writes code cells between paragraphs only"
            )
            raise UnknownNode(msg)
        return "\n\n".join(block.markdown for block in blocks)

    def code_cell(self, node: nodes.container) -> list[Block]:
        """The place of a code cell, then the captions of the figures it draws."""
        out = [Block(cell=node["cell_index"], line=node.line)]
        for figure in node.findall(nodes.figure):
            for caption in figure.findall(nodes.caption):
                number = self.numbers(figure)
                shown = self.inline_children(caption)
                out.append(Block(f"**{number}** {shown}" if number else shown, line=node.line))
        return out

    def exercise(self, node: nodes.Element, level: int) -> list[Block]:
        """An exercise: a heading one level below its section's, then its text."""
        title, *body = node.children
        if not isinstance(title, nodes.title):
            raise self.unknown(node)
        number = self.numbers(node)
        words = " ".join(f"{number} {self.inline_children(title)}".split())
        heading = Block("#" * min(level + 1, 6) + " " + words, line=node.line)
        return [heading, *self.blocks(body, level + 1)]

    def solution(self, node: nodes.Element, level: int) -> list[Block]:
        """A solution, folded: each run of its text in ``<details>``, its code cells folded."""
        title, *body = node.children
        summary = " ".join(clean_astext(title).split()) if isinstance(title, nodes.title) else ""
        out: list[Block] = []
        run: list[Block] = []

        def fold() -> None:
            if run:
                inside = "\n\n".join(block.markdown for block in run)
                html = f"<details>\n<summary>{html_escape(summary)}</summary>\n\n{inside}\n\n</details>"
                out.append(Block(html, line=run[0].line))
                run.clear()

        for block in self.blocks(body, level + 1):
            if block.cell is None:
                run.append(block)
            else:
                fold()
                out.append(Block(cell=block.cell, fold=True, line=block.line))
        fold()
        return out

    def list_(self, node: nodes.Element, level: int) -> str:
        items = []
        start = node.get("start", 1)
        for index, item in enumerate(node.children):
            if isinstance(node, nodes.bullet_list):
                marker = "- "
            else:
                marker = f"{start + index}{node.get('suffix', '.') or '.'} "
            items.append(indent(self.markdown(item.children, level), marker))
        tight = all(len(item.children) <= 1 for item in node.children)
        return ("\n" if tight else "\n\n").join(items)

    def table(self, node: nodes.table) -> str:
        rows: list[list[str]] = []
        head = 0
        for part in node.findall(lambda part: isinstance(part, nodes.thead | nodes.tbody)):
            for row in part.children:
                cells = [
                    self.markdown(entry.children, 0).replace("\n\n", "<br>").replace("\n", " ")
                    for entry in row.children
                ]
                rows.append([re.sub(r"(?<!\\)\|", r"\|", cell) for cell in cells])
            if isinstance(part, nodes.thead):
                head = len(rows)
        if head != 1 or any(len(row) != len(rows[0]) for row in rows):
            msg = (
                f"{self.docname}.md:{node.line}: a table without one header row, or with "
                "merged cells, which Markdown cannot show"
            )
            raise UnknownNode(msg)
        lines = ["| " + " | ".join(row) + " |" for row in rows]
        lines.insert(1, "| " + " | ".join("---" for _ in rows[0]) + " |")
        titles = [child for child in node.children if isinstance(child, nodes.title)]
        if titles:
            number = self.numbers(node)
            lines.insert(0, f"**{number}** {self.inline_children(titles[0])}\n".lstrip())
        return "\n".join(lines)

    def citation(self, node: nodes.citation, level: int) -> str:
        """An entry of a bibliography on the page: its label, then its text.

        sphinxcontrib-bibtex fills the entries it keeps in the environment each
        time a page is resolved, so the page's second resolution (this one)
        finds each label and text twice: the first are written.
        """
        labels = [
            index for index, child in enumerate(node.children) if isinstance(child, nodes.label)
        ]
        if not labels:
            return self.markdown(node.children, level)
        first, *others = labels
        body = self.markdown(node.children[first + 1 : (others or [len(node.children)])[0]], level)
        return f"\\[{self.inline_children(node.children[first])}\\] {body}"

    def math_block(self, node: nodes.math_block) -> str:
        latex = node.astext().strip()
        if node.get("number") is not None:
            latex += f" \\tag{{{node['number']}}}"
        return f"$$\n{latex}\n$$"

    def admonition(self, node: nodes.Element, level: int) -> str:
        """An admonition: a quoted block under its bold title."""
        children = list(node.children)
        if children and isinstance(children[0], nodes.title):
            title = self.inline_children(children.pop(0))
        else:
            title = escape(str(admonitionlabels[node.tagname]))
        body = self.markdown(children, level)
        return quote(f"**{title}**\n\n{body}" if body else f"**{title}**")

    def raw(self, node: nodes.raw) -> str:
        if node.get("format") != "html":
            return ""
        return _HTML_LINK.sub(lambda m: f'{m[1]}="{self.link(m[2])}"', node.astext())

    # -- inline ------------------------------------------------------------

    def inline_children(self, node: nodes.Element) -> str:
        return "".join(self.inline(child) for child in node.children).strip()

    def inline(self, node: nodes.Node) -> str:  # noqa: PLR0911
        if isinstance(node, nodes.Text):
            return escape(node.astext())
        if isinstance(node, _SILENT):
            return ""
        if isinstance(node, nodes.literal):
            return code(node.astext())
        if isinstance(node, nodes.math):
            return f"${node.astext()}$"
        if isinstance(node, nodes.emphasis):
            return self.wrap("*", node)
        if isinstance(node, nodes.strong):
            return self.wrap("**", node)
        if isinstance(node, nodes.subscript | nodes.superscript):
            tag = "sub" if isinstance(node, nodes.subscript) else "sup"
            return f"<{tag}>{self.inline_children(node)}</{tag}>"
        if isinstance(node, nodes.reference | addnodes.number_reference):
            return self.reference(node)
        if isinstance(node, nodes.raw):
            return self.raw(node)
        if isinstance(node, nodes.inline | addnodes.pending_xref | nodes.caption):
            # glued text, a term, a citation, a reference Sphinx left as text
            return "".join(self.inline(child) for child in node.children)
        raise self.unknown(node)

    def wrap(self, mark: str, node: nodes.Element) -> str:
        inner = self.inline_children(node)
        return f"{mark}{inner}{mark}" if inner else ""

    def reference(self, node: nodes.Element) -> str:
        shown = "".join(self.inline(child) for child in node.children).strip()
        if "refuri" in node:
            address = node["refuri"]
        elif "refid" in node:
            address = f"#{node['refid']}"
        else:
            return shown
        return f"[{shown}]({self.link(address)})"


def html_escape(text: str) -> str:
    """Return text for HTML (a ``<summary>``).

    Examples
    --------
    >>> html_escape("a < b & c")
    'a &lt; b &amp; c'
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def site_path(docname: str, address: str) -> str:
    """Return where ``address``, written on page ``docname``, points in the site (from its root).

    Examples
    --------
    >>> site_path("ann", "glossary.html#term-neuron")
    'glossary.html#term-neuron'
    >>> site_path("ann", "#eq-loss")
    'ann.html#eq-loss'
    >>> site_path("api/index", "../rnn.html")
    'rnn.html'
    """
    parts = urlsplit(address)
    page = parts.path or f"{posixpath.basename(docname)}.html"
    path = posixpath.normpath(posixpath.join(posixpath.dirname(docname), page))
    return path + (f"#{parts.fragment}" if parts.fragment else "")


def notebook_link(address: str, docname: str, *, base_url: str, edition: str) -> str:
    """Return the address a reader's notebook gives for ``address`` of page ``docname``.

    With the book's URL ``base_url``, an address in the hosted book (in the
    edition's folder, ``edition``: "" or "ko/"); without it, an address
    relative to the notebook's place in the built site
    (``<edition>/_sources/<docname>.ipynb``), which works from a copy of the
    site. Addresses elsewhere are kept.

    Examples
    --------
    >>> notebook_link("glossary.html#term-x", "ann", base_url="", edition="")
    '../glossary.html#term-x'
    >>> notebook_link("#id1", "ann", base_url="https://o.github.io/annbook/", edition="ko/")
    'https://o.github.io/annbook/ko/ann.html#id1'
    >>> notebook_link("https://doi.org/10.1/x", "ann", base_url="", edition="")
    'https://doi.org/10.1/x'
    """
    parts = urlsplit(address)
    if parts.scheme or parts.netloc or address.startswith("/"):
        return address
    path = site_path(docname, address)
    if base_url:
        return f"{base_url.rstrip('/')}/{edition}{path}"
    return posixpath.relpath(path, posixpath.join("_sources", posixpath.dirname(docname)))
