"""Translated editions: never silently stale, and what their readers see.

The Korean edition is the English sources built with ``-D language=ko``:
Sphinx replaces each translatable string by its entry in the page's catalog
(``docs/locales/ko/LC_MESSAGES/<page>.po``). A string without an entry, or
whose entry is empty or fuzzy (outdated after an English edit), would be
shown in English without a word. This module

- records, before Sphinx translates a page, the status of each of its
  strings in the catalog (every build does, so the English edition's
  execution report can show it too);
- fails a translated build on any string that is not translated, by page and
  source line (pages under ``annbook_book.layout.UNTRANSLATED``, the API
  reference, may stay English);
- keeps out of the catalogs what is not prose: the "Tested with" box (made
  by the extension, in each edition's words), display math, and the
  glossary's terms (all names of a term are kept; the Korean edition lists
  the Korean name first);
- gives each page a link to the same page in the other edition;
- puts in the edition's words what the book's tools write themselves:
  the exercises' solution titles (sphinx-exercise), the code cells' toggles
  (myst-nb), the authors in the footer;
- translates a chapter's Markdown, for the edition's downloads.
"""

from __future__ import annotations

import functools
import gettext
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from docutils import nodes
from myst_nb.ext.glue.roles import PasteTextRole
from sphinx import addnodes
from sphinx.locale import get_translator
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import extract_messages
from sphinx_exercise.nodes import (
    exercise_subtitle,
    exercise_title,
    is_exercise_node,
    solution_node,
    solution_title,
)

from annbook_book import layout as project
from annbook_book.publishing.box import BOX_CLASS

logger = logging.getLogger(__name__)

#: The words the extension itself writes on a page, in each edition.
WORDS = {
    "en": {
        "edition": "English",
        "switch": "이 쪽을 한국어로 읽기",
        "chapter": "Chapter",
        "translated": "Translated",
        "fuzzy": "Fuzzy",
        "untranslated": "Untranslated",
    },
    "ko": {
        "edition": "한국어",
        "switch": "Read this page in English",
        "chapter": "장",
        "translated": "번역됨",
        "fuzzy": "퍼지(검토 필요)",
        "untranslated": "번역 안 됨",
    },
}
#: The catalog of the strings of the book's templates (``docs/_templates``),
#: Sphinx's own catalog name: the page templates look their words up there.
TEMPLATES = "sphinx"
HANGUL = re.compile(r"[\uac00-\ud7a3]")
#: What the book's tools write in English, in the other editions' words:
#: the authors (``conf.py``'s ``author``, also in its ``copyright``); the
#: title of an exercise's solution, around the link to the exercise
#: (sphinx-exercise writes "Solution to" before it, in the edition's language,
#: an order Korean does not take); myst-nb's toggles of hidden code, by what
#: they show and hide.
EDITION_WORDS = {
    "ko": {
        "author": "annbook 저자들",
        # The theme's search field (html_theme_options' search_bar_text).
        "search": "검색...",
        # What the theme (pydata-sphinx-theme) writes, shown or read out
        # (aria-label, title), which has no Korean catalog; Sphinx's catalog
        # has its other words ("previous", "next").
        "theme": {
            "Skip to main content": "본문으로 건너뛰기",
            "Back to top": "맨 위로",
            "On this page": "이 쪽의 차례",
            "Section Navigation": "절 탐색",
            "Color mode": "색 모드",
            "Light": "밝게",
            "Dark": "어둡게",
            "System Settings": "시스템 설정",
            "Site navigation": "사이트 탐색",
            "Breadcrumb": "현재 위치",
            "Version warning": "버전 경고",
            "previous page": "이전 쪽",
            "next page": "다음 쪽",
            # Sphinx's own, which its Korean catalog leaves empty.
            "Link to this heading": "이 제목으로 가는 링크",
            "Link to this image": "이 그림으로 가는 링크",
            "Link to this table": "이 표로 가는 링크",
            "Link to this code": "이 코드로 가는 링크",
            "Link to this definition": "이 정의로 가는 링크",
            "Link to this term": "이 용어로 가는 링크",
            "Please activate JavaScript to enable the search functionality.": (
                "검색 기능을 쓰려면 JavaScript를 켜야 한다."
            ),
        },
        "solution": "{exercise}의 풀이",
        "toggles": {
            "source": ("코드 보기", "코드 숨기기"),
            "content": ("코드 셀 보기", "코드 셀 숨기기"),
            "output": ("출력 보기", "출력 숨기기"),
        },
    },
}


@dataclass
class Message:
    """One string of a page that its catalog does not translate."""

    line: int
    text: str
    fuzzy: bool


@dataclass
class PageStatus:
    """How much of a page its catalog translates."""

    total: int = 0
    translated: int = 0
    missing: list[Message] = field(default_factory=list)

    @property
    def fuzzy(self) -> int:
        return sum(message.fuzzy for message in self.missing)


@dataclass(frozen=True)
class Entry:
    """A catalog entry: its translation, and whether it is marked fuzzy."""

    string: str
    fuzzy: bool
    line: int = 0  # where the entry starts in its .po file

    @property
    def current(self) -> bool:
        return bool(self.string.strip()) and not self.fuzzy


def read_catalog(path: Path) -> dict[str, Entry]:
    """Return the entries of a .po file by message id (empty when there is no file)."""
    if not path.is_file():
        return {}
    return _read_catalog(path, path.stat().st_mtime_ns)


@functools.cache
def _read_catalog(path: Path, mtime: int) -> dict[str, Entry]:  # noqa: ARG001 (cache key)
    from babel.messages.pofile import read_po  # noqa: PLC0415

    with path.open("rb") as file:
        catalog = read_po(file)
    return {
        message.id: Entry(message.string or "", message.fuzzy, message.lineno or 0)
        for message in catalog
        if message.id and isinstance(message.id, str)
    }


def translations(path: Path) -> dict[str, str]:
    """Return the current translations of a .po file: message id to translated string."""
    return {msgid: entry.string for msgid, entry in read_catalog(path).items() if entry.current}


def source_line(lines: list[str], message: str, hint: int) -> int:
    """Return the line of the source where ``message`` starts: the one nearest ``hint``.

    Messages are the Markdown of a paragraph, heading or cell with its line
    breaks folded; docutils' line numbers of a chapter are off by the lines
    the extension adds, so the message's first words are looked up.

    Examples
    --------
    >>> source_line(["# Title", "", "Some words of", "a paragraph."], "Some words of a", 9)
    3
    >>> source_line(["x"], "not there", 7)
    7
    """
    words = message.split()
    for count in (5, 3, 2, 1):
        if len(words) < count:
            continue
        key = " ".join(words[:count])
        found = [number for number, line in enumerate(lines, 1) if key in " ".join(line.split())]
        if found:
            return min(found, key=lambda number: abs(number - hint))
    return hint


def is_untranslated_page(docname: str) -> bool:
    """Return whether a page stays English in every edition (the API reference)."""
    return docname.startswith(project.UNTRANSLATED)


def translated_language(config) -> str:
    """Return the language whose catalogs a build checks: its own, else the first translation."""
    return config.language if config.language in project.TRANSLATIONS else project.TRANSLATIONS[0]


class PrepareTranslation(SphinxTransform):
    """Before Sphinx translates a page: keep non-prose out, and record the page's status."""

    default_priority = 19  # just before sphinx.transforms.i18n.Locale (20)

    def apply(self, **kwargs) -> None:  # noqa: ARG002
        for node in self.document.findall(nodes.Element):
            if isinstance(node, nodes.math_block) or (
                isinstance(node, nodes.term) and _in_glossary(node)
            ):
                node["translatable"] = False
            elif BOX_CLASS in node.get("classes", []) or _is_front_matter(node):
                # the "Tested with" box, and a chapter's front matter
                for text in node.findall(nodes.TextElement):
                    text["translatable"] = False
            elif isinstance(node, exercise_title | solution_title):
                _translate_exercise_title(node)
        docname = self.env.docname
        if is_untranslated_page(docname):
            return
        language = translated_language(self.config)
        path = project.catalog(language, docname, Path(self.env.srcdir))
        if path.is_file():  # a missing file would make the page read again on every build
            self.env.note_dependency(str(path))  # a catalog edit reads the page again
        catalog = read_catalog(path)
        lines = Path(self.env.doc2path(docname)).read_text("utf-8").splitlines()
        status = PageStatus()
        for node, message in extract_messages(self.document):
            status.total += 1
            entry = catalog.get(message)
            if entry is not None and entry.current:
                status.translated += 1
                continue
            hint = node.line or (node.parent.line if node.parent else None) or 0
            fuzzy = entry is not None and entry.fuzzy
            status.missing.append(Message(source_line(lines, message, hint), message, fuzzy))
        _statuses(self.env)[docname] = status


def _translate_exercise_title(title: nodes.title) -> None:
    """Offer an exercise's own title for translation, without sphinx-exercise's label.

    sphinx-exercise writes its label ("Exercise", "Solution") into the title,
    in the edition's language from its own catalog, so the whole title would
    be a different string in each language: only the part the chapter wrote
    (the subtitle) is a string of the chapter's catalog.
    """
    title["translatable"] = False
    for subtitle in title.findall(exercise_subtitle):
        subtitle["translatable"] = True
        subtitle.source, subtitle.line = title.source, title.line
        subtitle.rawsource = subtitle.astext()


class OfferExerciseTitles(SphinxPostTransform):
    """When Sphinx extracts a page's strings, keep the exercises' own titles among them.

    sphinx-exercise rebuilds each title, once the page is read, from nodes
    without a source, which Sphinx's extraction skips; a copy of each is
    offered beside it. The Korean build translates the titles as they are
    read, before that.
    """

    default_priority = 19  # before sphinx-exercise's ResolveTitlesInExercises (20)
    builders = ("gettext",)

    def run(self, **kwargs) -> None:  # noqa: ARG002
        for subtitle in list(self.document.findall(exercise_subtitle)):
            title = subtitle.parent
            if not subtitle.get("translatable") or title.parent is None:
                continue
            copy = nodes.paragraph(subtitle.rawsource, subtitle.rawsource)
            copy.source, copy.line = subtitle.source, subtitle.line
            # Sphinx's catalog takes only nodes its versioning gave a uid, at read time.
            copy.uid = getattr(subtitle, "uid", "")
            title.parent.insert(title.parent.index(title) + 1, copy)


class KeepTranslatedExercises(SphinxTransform):
    """Keep sphinx-exercise's copy of each exercise as translated, for its solution's title.

    sphinx-exercise keeps a copy of each exercise, made as the directive
    runs, before Sphinx translates the page; a solution's title is made from
    that copy, so it would name the exercise by its English title. The copy
    is made again once the page is translated.
    """

    default_priority = 30  # after the translation (sphinx.transforms.i18n.Locale, 20)

    def apply(self, **kwargs) -> None:  # noqa: ARG002
        registry = getattr(self.env, "sphinx_exercise_registry", {})
        for node in self.document.findall(is_exercise_node):
            entry = registry.get(node.get("label", ""))
            if entry is not None and entry.get("docname") == self.env.docname:
                entry["node"] = node.deepcopy()


class EditionSolutionTitles(SphinxPostTransform):
    """Write a solution's title in the edition's word order: "연습 1 (…)의 풀이".

    sphinx-exercise writes its word for "Solution to" and then the link to the
    exercise; the edition's ``solution`` pattern (:data:`EDITION_WORDS`)
    places the link instead.
    """

    default_priority = 22  # after sphinx-exercise's ResolveTitlesInSolutions (21)

    def run(self, **kwargs) -> None:  # noqa: ARG002
        pattern = EDITION_WORDS.get(self.config.language, {}).get("solution")
        if pattern is None:
            return
        before, _, after = pattern.partition("{exercise}")
        for solution in self.document.findall(solution_node):
            title = solution.children[0] if solution.children else None
            if not (isinstance(title, nodes.title) and len(title.children) == 2):
                continue
            label, link = title.children
            if not (isinstance(label, nodes.Text) and isinstance(link, nodes.reference)):
                continue
            first = link.children[0] if link.children else None
            if isinstance(first, nodes.Text):
                link.replace(first, nodes.Text(first.lstrip()))
            title.children = []
            title += [nodes.Text(before)] if before else []
            title += link
            title += [nodes.Text(after)] if after else []


def toggle_words(language: str, kind: str) -> tuple[str, str] | None:
    """Return the edition's words for a code toggle that shows and hides ``kind``, if any.

    ``kind`` is what myst-nb's toggle shows: "source", "content" (the whole
    cell) or "output".

    Examples
    --------
    >>> toggle_words("ko", "source")
    ('코드 보기', '코드 숨기기')
    >>> toggle_words("en", "source") is None
    True
    """
    return EDITION_WORDS.get(language, {}).get("toggles", {}).get(kind)


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


class EditionCodeToggles(SphinxPostTransform):
    """Write myst-nb's toggles of hidden code ("Show code cell source") in the edition's words.

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

        for toggle in self.document.findall(HideCodeCellNode):
            words = toggle_words(self.config.language, toggle_kind(toggle))
            if words is not None:
                toggle["prompt_show"], toggle["prompt_hide"] = words


def edition_settings(app, config) -> None:  # noqa: ARG001
    """In a translated edition, name the authors (the theme's footer shows them) and
    the search field in its words."""
    words = EDITION_WORDS.get(config.language, {})
    author = words.get("author")
    if author is not None and config.author:
        config.copyright = config.copyright.replace(config.author, author)
        config.author = author
    if "search" in words:
        config.html_theme_options = {
            **config.html_theme_options,
            "search_bar_text": words["search"],
        }


class _Words(gettext.NullTranslations):
    """A catalog made of a dictionary: message to translation."""

    def __init__(self, words: dict[str, str]) -> None:
        super().__init__()
        self.words = words

    def gettext(self, message: str) -> str:
        return self.words.get(message, message)


def theme_words(app) -> None:
    """In a translated edition, translate the theme's words that no catalog translates.

    They are the last place the templates look, after Sphinx's, the theme's
    and the book's catalogs (``sphinx.po``).
    """
    words = EDITION_WORDS.get(app.config.language, {}).get("theme")
    if words:
        get_translator().add_fallback(_Words(words))


class TranslatedGlueText(PasteTextRole):
    """``{glue:text}`` that also works in a translated string.

    Sphinx parses a translation as a document of its own, without the
    chapter's notebook, where myst-nb's role finds no glued value ("No key
    ... found in glue data for this document"). There it becomes a reference
    to the chapter's own glue (``/chapter.md::name``), which myst-nb fills in
    once the chapter is read, so a translator writes the role as the English
    has it.
    """

    def run(self):
        if "nb_renderer" not in self.document and "::" not in self.text:
            document = self.document
            if str(document.current_source or "").endswith("<translated>"):
                env = document.settings.env
                # myst-nb splits a format off at the last colon, so a bare
                # name needs its default format, "s", written out.
                spec = "" if ":" in self.text else ":s"
                self.text = f"/{env.doc2path(env.docname, base=False)}::{self.text}{spec}"
        return super().run()


def register_glue_text(app, config) -> None:  # noqa: ARG001
    """Put ``TranslatedGlueText`` in myst-nb's glue domain (registered by then)."""
    app.add_role_to_domain("glue", "text", TranslatedGlueText(), override=True)


def _is_front_matter(node: nodes.Node) -> bool:
    """Return whether a node is a page's front matter (docutils makes it the docinfo later)."""
    return isinstance(node, nodes.docinfo) or (
        isinstance(node, nodes.field_list) and isinstance(node.parent, nodes.document)
    )


def _in_glossary(node: nodes.Node) -> bool:
    return any(isinstance(parent, addnodes.glossary) for parent in _parents(node))


def _parents(node: nodes.Node):
    while node.parent is not None:
        node = node.parent
        yield node


def _statuses(env) -> dict[str, PageStatus]:
    if not hasattr(env, "annbook_translation"):
        env.annbook_translation = {}
    return env.annbook_translation


def purge_status(app, env, docname) -> None:  # noqa: ARG001
    _statuses(env).pop(docname, None)


def merge_status(app, env, docnames, other) -> None:  # noqa: ARG001
    theirs = _statuses(other)
    _statuses(env).update({name: theirs[name] for name in docnames if name in theirs})


def untranslated(env) -> list[tuple[str, Message]]:
    """Return every string of the edition's pages that has no current translation."""
    statuses = _statuses(env)
    return [
        (docname, message)
        for docname in sorted(statuses)
        if docname in env.all_docs
        for message in statuses[docname].missing
    ]


def check_translations(app, exception) -> None:
    """After a translated edition's build: fail it, by page and line, on each string not translated.

    It runs at the end of every build, over the status recorded when each
    page was last read, so a page left untranslated fails every build, not
    only the one that read it. The strings of the book's templates (the
    catalog ``sphinx.po``: footer, buttons) are checked too.
    """
    if (
        exception is not None
        or app.builder.format != "html"
        or app.config.language not in project.TRANSLATIONS
    ):
        return
    missing = untranslated(app.env)
    for docname, message in missing:
        what = "fuzzy (outdated) translation" if message.fuzzy else "no translation"
        text = message.text if len(message.text) <= 100 else message.text[:97] + "..."
        logger.warning(
            "%s: %r", what, text, location=(docname, message.line), type="annbook",
            subtype="translation",
        )  # fmt: skip
    templates = project.catalog(app.config.language, TEMPLATES, Path(app.srcdir))
    stale = {msgid: entry for msgid, entry in read_catalog(templates).items() if not entry.current}
    for msgid, entry in stale.items():
        what = "fuzzy (outdated) translation" if entry.fuzzy else "no translation"
        logger.warning(
            "%s of a template string: %r", what, msgid, location=f"{templates}:{entry.line}",
            type="annbook", subtype="translation",
        )  # fmt: skip
    count = len(missing) + len(stale)
    if count:
        app.statuscode = 1
        catalogs = Path(app.srcdir) / project.LOCALES / app.config.language / "LC_MESSAGES"
        logger.error(
            "translation: %d string%s without a current translation; translate them in %s "
            "(`nox -s translations` brings the catalogs up to date with the English text)",
            count,
            "" if count == 1 else "s",
            catalogs,
        )
    else:
        statuses = _statuses(app.env)
        logger.info(
            "translation: all %d strings of %d pages translated",
            sum(status.total for status in statuses.values()),
            len(statuses),
        )


class KoreanFirstGlossary(SphinxTransform):
    """In the Korean edition, list each glossary entry under its Korean name first."""

    default_priority = 30  # after the translation

    def apply(self, **kwargs) -> None:  # noqa: ARG002
        if self.config.language != "ko":
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


def _sort_key(text: str) -> str:
    return unicodedata.normalize("NFC", text.lower())


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
        words = WORDS.get(self.config.language, WORDS["en"])
        statuses = _statuses(self.env)
        headers = [words["chapter"], words["translated"], words["fuzzy"], words["untranslated"]]
        rows = []
        for chapter in project.chapters(Path(self.env.srcdir)):
            status = statuses.get(chapter.stem, PageStatus())
            reference = addnodes.pending_xref(
                "", nodes.inline(text=chapter.stem), refdomain="std", reftype="doc",
                reftarget="/" + chapter.stem, refexplicit=False, refdoc=self.env.docname,
            )  # fmt: skip
            not_fuzzy = len(status.missing) - status.fuzzy
            cells = [f"{status.translated}/{status.total}", str(status.fuzzy), str(not_fuzzy)]
            rows.append([reference, *(nodes.Text(cell) for cell in cells)])
        return _table(headers, rows)


#: The headers of myst-nb's execution table (``nb-exec-table``), in Korean.
EXECUTION_TABLE_HEADERS = {
    "Document": "문서",
    "Modified": "실행 시각",
    "Method": "방식",
    "Run Time (s)": "실행 시간(초)",
    "Status": "상태",
}


class TranslateExecutionTable(SphinxPostTransform):
    """In the Korean edition, give myst-nb's execution table Korean headers."""

    default_priority = 9  # after myst-nb fills the table (8)

    def run(self, **kwargs) -> None:  # noqa: ARG002
        if self.config.language != "ko":
            return
        for head in self.document.findall(nodes.thead):
            texts = [entry.astext() for entry in head.findall(nodes.entry)]
            if texts != list(EXECUTION_TABLE_HEADERS):
                continue
            for entry in list(head.findall(nodes.entry)):
                korean = EXECUTION_TABLE_HEADERS[entry.astext()]
                entry.replace_self(nodes.entry("", nodes.paragraph("", korean)))


def _table(headers: list[str], rows: list[list[nodes.Node]]) -> nodes.table:
    table = nodes.table(classes=["colwidths-auto"])
    group = nodes.tgroup(cols=len(headers))
    table += group
    group += [nodes.colspec(colwidth=1) for _ in headers]
    group += nodes.thead("", _row([nodes.Text(header) for header in headers]))
    group += nodes.tbody("", *(_row(row) for row in rows))
    return table


def _row(cells: list[nodes.Node]) -> nodes.row:
    return nodes.row("", *(nodes.entry("", nodes.paragraph("", "", cell)) for cell in cells))


def status_pages(app, env) -> list[str]:  # noqa: ARG001
    """Write the pages with a status table again on every build: the table is of all pages."""
    return [name for name in env.all_docs if "annbook-translation-status" in _source(env, name)]


@functools.cache
def _source_text(path: str, mtime: int) -> str:  # noqa: ARG001 (cache key)
    return Path(path).read_text("utf-8")


def _source(env, docname: str) -> str:
    path = Path(env.doc2path(docname))
    return _source_text(str(path), path.stat().st_mtime_ns) if path.is_file() else ""


def edition_switch(app, pagename, templatename, context, doctree) -> None:  # noqa: ARG001
    """Give the page template a link to the same page in the other edition.

    The link is relative, so that it works from files and under any address:
    the Korean edition sits in the ``ko`` folder of the English one.
    """
    depth = pagename.count("/")
    language = app.config.language
    if language in project.TRANSLATIONS:
        href = "../" * (depth + 1) + f"{pagename}.html"
        other = "en"
    else:
        other = project.TRANSLATIONS[0]
        href = "../" * depth + f"{other}/{pagename}.html"
    words = WORDS.get(language, WORDS["en"])
    context["annbook_edition_switch"] = {
        "href": href,
        "lang": other,
        "label": WORDS[other]["edition"],
        "title": words["switch"],
    }


# -- Translating a chapter's Markdown, for the downloads -----------------------

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
