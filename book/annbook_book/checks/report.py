"""What the book's conclusions rest on: the execution report's tables of claims.

A page (the execution report) writes

.. code-block:: markdown

    ```{annbook-claims} comparisons
    chapter: Chapter
    ...
    ```

and gets, when it is written, a table built from ``docs/bands.toml`` and each
chapter's executed notebook, read the way the book check reads them
(:mod:`annbook_book.checks.book`):

- ``comparisons``: every ``compare`` claim, with the number of seeds it rests
  on, whether the seeds are paired, the chance that a paired order comes out
  by luck alone (1/2**n), and whether it holds;
- ``one-run``: every claim that rests on one run, with its ``one_run``
  reason; those marked ``one seed: not yet repeated`` are shown as open.

The directive's content gives the table's words, one ``key: words`` per line
(:data:`WORDS`). Each becomes a paragraph of the page, so the page's catalog
translates it with the rest of the page, and a translated edition fails on
one left untranslated. The phrases, checks and reasons come from
``bands.toml`` as written, in English (marked so, ``lang="en"``).

The page is read again when ``bands.toml`` changes, and written again after
any build that read a chapter (a chapter that executed, or was edited).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from annbook_book import layout
from annbook_book.execution.cache import open_cache

from .claims import NOT_YET_REPEATED, check_claim, compared

#: The words each table needs, by the key the directive's content gives them under.
WORDS = {
    "comparisons": ("chapter", "claim", "compared", "seeds", "paired", "chance", "holds", "yes", "no"),
    "one-run": ("chapter", "claim", "check", "reason", "holds", "yes", "no", "open"),
}  # fmt: skip
#: Shown where a value cannot be known: a chapter that has not executed.
UNKNOWN = "—"
_ROLE = re.compile(r"\{(?P<role>[\w:-]+)\}`(?P<text>[^`]*)`")
_TARGET = re.compile(r"\s*<[^>]*>$")


@dataclass(frozen=True)
class Comparison:
    """A ``compare`` claim: what it compares, over how many seeds, and whether it holds."""

    chapter: str
    phrase: str
    compare: str
    seeds: int | None
    paired: bool
    holds: bool | None

    @property
    def chance(self) -> str:
        """The chance that every seed agrees were the two sides alike, for a paired order."""
        ordered = self.paired and "~" not in self.compare and self.seeds is not None
        return f"1/{2**self.seeds}" if ordered else UNKNOWN


@dataclass(frozen=True)
class OneRun:
    """A ``check`` claim that compares on one run, and why one run decides it."""

    chapter: str
    phrase: str
    check: str
    reason: str
    holds: bool | None

    @property
    def open(self) -> bool:
        """Whether it is a comparison of trainings still to be repeated over seeds."""
        return self.reason == NOT_YET_REPEATED


def plain(says: str, values: Mapping[str, object] | None) -> str:
    """Return a claim's phrase as a reader sees it: glued numbers filled in, markup removed.

    Examples
    --------
    >>> plain("right on only {glue:text}`acc:.0%` of the *unsure* digits", {"acc": 0.514})
    'right on only 51% of the unsure digits'
    >>> plain("a {term}`perceptron <Perceptron>` in `build_mlp`", None)
    'a perceptron in build_mlp'
    >>> plain("in all {glue:text}`seeds` seeds", None)
    'in all … seeds'
    """

    def text(match: re.Match) -> str:
        role, content = match["role"], match["text"]
        if role.startswith("glue"):
            name, _, spec = content.partition(":")
            if values is None or name not in values:
                return "…"
            try:
                return format(values[name], spec)
            except (TypeError, ValueError):
                return str(values[name])
        return _TARGET.sub("", content)

    shown = _ROLE.sub(text, says)
    return " ".join(re.sub(r"\*+|`", "", shown).split())


def claim_rows(
    chapter: str, source: str, claims: list, values: Mapping[str, object] | None
) -> tuple[list[Comparison], list[OneRun]]:
    """Return the comparisons and the one-run claims of a chapter, in the order of bands.toml.

    ``values`` are the chapter's glued values, ``None`` when it has not
    executed (then nothing is known to hold).
    """
    comparisons, one_run = [], []
    for claim in claims:
        if not isinstance(claim, dict) or not ("compare" in claim or "one_run" in claim):
            continue
        holds = None if values is None else not check_claim(chapter, source, claim, values)
        phrase = plain(str(claim.get("says", "")), values)
        if "compare" in claim:
            names = compared(claim)
            seeds = values.get(names[0]) if names and values is not None else None
            comparisons.append(
                Comparison(
                    chapter,
                    phrase,
                    str(claim["compare"]),
                    len(seeds) if isinstance(seeds, list | tuple) else None,
                    bool(claim.get("paired", True)),
                    holds,
                )
            )
        else:
            one_run.append(
                OneRun(chapter, phrase, str(claim.get("check", "")), str(claim["one_run"]), holds)
            )
    return comparisons, one_run


def book_rows(docs: Path, cache, keys) -> tuple[list[Comparison], list[OneRun]]:
    """Return the comparisons and one-run claims of every chapter in ``docs``, chapter by chapter."""
    from annbook_book.execution.keys import executed_notebook  # noqa: PLC0415

    from .book import glued_values  # noqa: PLC0415

    bands_file = docs / layout.BANDS
    bands = tomllib.loads(bands_file.read_text("utf-8")) if bands_file.is_file() else {}
    comparisons, one_run = [], []
    for chapter in layout.chapters(docs):
        claims = bands.get(chapter.stem, {}).get("claims", [])
        if not claims:
            continue
        notebook = executed_notebook(chapter, cache, keys)
        values = None if notebook is None else glued_values(notebook)
        found = claim_rows(chapter.stem, chapter.read_text("utf-8"), claims, values)
        comparisons += found[0]
        one_run += found[1]
    return comparisons, one_run


def parse_words(lines: list[str], kind: str) -> dict[str, str]:
    """Return the directive's words by key, from its ``key: words`` lines.

    Raises ``ValueError`` naming a line that is no ``key: words``, an unknown
    key, or the keys missing.

    Examples
    --------
    >>> words = parse_words(["chapter: Chapter", "claim: Claim"], "one-run")
    Traceback (most recent call last):
    ...
    ValueError: the annbook-claims one-run table needs the words of: check, reason, holds, yes, no, open
    """
    if kind not in WORDS:
        msg = f"annbook-claims takes {' or '.join(WORDS)}, got kind={kind!r}"
        raise ValueError(msg)
    words = {}
    for line in filter(str.strip, lines):
        key, colon, text = line.partition(":")
        if not colon or not text.strip():
            msg = f"each line of annbook-claims is `key: words`, got {line!r}"
            raise ValueError(msg)
        if key.strip() not in WORDS[kind]:
            msg = f"the {kind} table takes the keys {', '.join(WORDS[kind])}, got {key.strip()!r}"
            raise ValueError(msg)
        words[key.strip()] = text.strip()
    missing = [key for key in WORDS[kind] if key not in words]
    if missing:
        msg = f"the annbook-claims {kind} table needs the words of: {', '.join(missing)}"
        raise ValueError(msg)
    return words


class claims_table(nodes.General, nodes.Element):  # a docutils node: lower case
    """Where a table of claims goes, holding its words (translated as the page's text)."""


class ClaimsTable(SphinxDirective):
    """``{annbook-claims} comparisons`` or ``one-run``: a table of the book's claims of that kind."""

    required_arguments = 1
    has_content = True

    def run(self):
        kind = self.arguments[0]
        try:
            words = parse_words(list(self.content), kind)
        except ValueError as error:
            raise self.error(str(error)) from None
        self.env.note_dependency(str(Path(self.env.srcdir) / layout.BANDS))
        _report_pages(self.env).add(self.env.docname)
        lines = {line.partition(":")[0].strip(): self.content_offset + 1 + number
                 for number, line in enumerate(self.content)}  # fmt: skip
        node = claims_table(kind=kind)
        for key, text in words.items():
            # A paragraph with a source and line is a string of the page's catalog.
            word = nodes.paragraph(text, text, key=key)
            word.source, word.line = self.get_source_info()[0], lines[key]
            node += word
        return [node]


class FillClaimsTables(SphinxPostTransform):
    """Replace each ``claims_table`` by its table, from bands.toml and the executed chapters."""

    default_priority = 8  # before the references are resolved (10)
    # Only the web pages get the table: the message catalogs' extraction
    # (-b gettext) keeps the directive's words, to be translated.
    formats = ("html",)

    def run(self, **kwargs) -> None:  # noqa: ARG002
        tables = list(self.document.findall(claims_table))
        if not tables:
            return
        with open_cache(self.config.nb_execution_cache_path) as cache:
            comparisons, one_run = book_rows(Path(self.env.srcdir), cache, self.app.annbook_keys)
        for node in tables:
            words = {word["key"]: word.astext() for word in node.findall(nodes.paragraph)}
            if node["kind"] == "comparisons":
                table = self.comparisons_table(comparisons, words)
            else:
                table = self.one_run_table(one_run, words)
            node.replace_self(table)

    def comparisons_table(self, rows: list[Comparison], words: dict[str, str]) -> nodes.table:
        headers = [words[key] for key in WORDS["comparisons"][:7]]
        cells = [
            [
                self.chapter(row.chapter),
                english(row.phrase),
                nodes.literal(text=row.compare),
                nodes.Text(UNKNOWN if row.seeds is None else str(row.seeds)),
                nodes.Text(words["yes" if row.paired else "no"]),
                nodes.Text(row.chance),
                nodes.Text(yes_no(row.holds, words)),
            ]
            for row in rows
        ]
        return table(headers, cells)

    def one_run_table(self, rows: list[OneRun], words: dict[str, str]) -> nodes.table:
        headers = [words[key] for key in WORDS["one-run"][:5]]
        cells = [
            [
                self.chapter(row.chapter),
                english(row.phrase),
                nodes.literal(text=row.check),
                nodes.strong(text=words["open"]) if row.open else english(row.reason),
                nodes.Text(yes_no(row.holds, words)),
            ]
            for row in rows
        ]
        return table(headers, cells)

    def chapter(self, name: str) -> nodes.Node:
        """A link to the chapter, showing its title (in the edition's language)."""
        return addnodes.pending_xref(
            "",
            nodes.inline(text=name),
            refdomain="std",
            reftype="doc",
            reftarget="/" + name,
            refexplicit=False,
            refdoc=self.env.docname,
        )


def yes_no(holds: bool | None, words: dict[str, str]) -> str:
    return UNKNOWN if holds is None else words["yes" if holds else "no"]


def english(text: str) -> nodes.inline:
    """Text quoted from bands.toml, which is English in every edition (``lang="en"``)."""
    return nodes.inline(text=text, classes=["language-en"])


def table(headers: list[str], rows: list[list[nodes.Node]]) -> nodes.table:
    result = nodes.table(classes=["colwidths-auto"])
    group = nodes.tgroup(cols=len(headers))
    result += group
    group += [nodes.colspec(colwidth=1) for _ in headers]
    group += nodes.thead("", _row([nodes.Text(header) for header in headers]))
    group += nodes.tbody("", *(_row(row) for row in rows))
    return result


def _row(cells: list[nodes.Node]) -> nodes.row:
    return nodes.row("", *(nodes.entry("", nodes.paragraph("", "", cell)) for cell in cells))


def _report_pages(env) -> set[str]:
    """The pages that hold a table of claims, kept in the Sphinx environment."""
    if not hasattr(env, "annbook_claims_pages"):
        env.annbook_claims_pages = set()
    return env.annbook_claims_pages


def _forget_page(app, env, docname) -> None:  # noqa: ARG001
    _report_pages(env).discard(docname)


def _merge_pages(app, env, docnames, other) -> None:  # noqa: ARG001
    _report_pages(env).update(_report_pages(other) & set(docnames))


def _note_chapters_read(app, env, docnames: list[str]) -> None:
    """Before the documents are read: whether a chapter is among them (its outputs may change)."""
    app.annbook_chapters_read = any(
        layout.is_chapter(Path(env.doc2path(name)).read_text("utf-8"))
        for name in docnames
        if Path(env.doc2path(name)).suffix == ".md"
    )


def _pages_to_write(app, env) -> list[str]:
    """After reading: the pages with a table of claims, when a chapter was read."""
    if not getattr(app, "annbook_chapters_read", False):
        return []
    return sorted(_report_pages(env) & env.all_docs.keys())


def setup(app):
    app.add_node(claims_table)
    app.add_directive("annbook-claims", ClaimsTable)
    app.add_post_transform(FillClaimsTables)
    app.connect("env-purge-doc", _forget_page)
    app.connect("env-merge-info", _merge_pages)
    # Before the execution's own handler, which reads some chapters at once and drops them.
    app.connect("env-before-read-docs", _note_chapters_read, priority=400)
    app.connect("env-updated", _pages_to_write)
