"""Translated editions are never silently stale: each page's translation status, and the gate.

The Korean edition is the English sources built with ``-D language=ko``:
Sphinx replaces each translatable string by its entry in the page's catalog
(``docs/locales/ko/LC_MESSAGES/<page>.po``). A string without an entry, or
whose entry is empty or fuzzy (outdated after an English edit), would be
shown in English without a word. So

- before Sphinx translates a page, the status of each of its strings in the
  catalog is recorded (every build does, so the English edition's execution
  report can show it too), and kept by an environment collector;
- a translated build fails on any string that is not translated, by page and
  source line (pages under ``annbook_book.layout.UNTRANSLATED``, the API
  reference, may stay English), on any of the book's templates' strings
  (``sphinx.po``), and on any of the extension's own words
  (:mod:`annbook_book.i18n.messages`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.nodes import extract_messages

from annbook_book import layout
from annbook_book.collector import PerDocument

from . import messages
from .catalogs import read_catalog

logger = logging.getLogger(__name__)

#: The catalog of the strings of the book's templates (``docs/_templates``),
#: Sphinx's own catalog name: the page templates look their words up there.
TEMPLATES = "sphinx"


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
    return docname.startswith(layout.UNTRANSLATED)


def translated_language(config) -> str:
    """Return the language whose catalogs a build checks: its own, else the first translation."""
    return config.language if config.language in layout.TRANSLATIONS else layout.TRANSLATIONS[0]


class Statuses(PerDocument):
    """Each page's translation status, by docname."""

    attribute = "annbook_translation"


class RecordStatus(SphinxTransform):
    """Before Sphinx translates a page: record which of its strings the catalog translates."""

    default_priority = 19  # just before sphinx.transforms.i18n.Locale (20)

    def apply(self, **kwargs) -> None:  # noqa: ARG002
        docname = self.env.docname
        if is_untranslated_page(docname):
            return
        language = translated_language(self.config)
        path = layout.catalog(language, docname, Path(self.env.srcdir))
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
        Statuses.note(self.env, status)


def untranslated(env) -> list[tuple[str, Message]]:
    """Return every string of the edition's pages that has no current translation."""
    statuses = Statuses.values(env)
    return [
        (docname, message)
        for docname in sorted(statuses)
        if docname in env.all_docs
        for message in statuses[docname].missing
    ]


def _not_current(path: Path, expected: dict[str, tuple[str, int]]) -> list[tuple[str, str, bool]]:
    """Return the messages of a catalog, and those ``expected`` in it, that it does not translate.

    Each is given with its place (the catalog's line, or where the code has a
    message the catalog lacks) and whether its entry is fuzzy.
    """
    entries = read_catalog(path)
    stale = [
        (f"{path}:{entry.line}", msgid, entry.fuzzy)
        for msgid, entry in entries.items()
        if not entry.current
    ]
    stale += [
        (f"{messages.CODE / filename}:{line}", msgid, False)
        for msgid, (filename, line) in expected.items()
        if msgid not in entries
    ]
    return stale


def check_translations(app, exception) -> None:
    """After a translated edition's build: fail it, by page and line, on each string not translated.

    It runs at the end of every build, over the status recorded when each
    page was last read, so a page left untranslated fails every build, not
    only the one that read it. The strings of the book's templates (the
    catalog ``sphinx.po``: footer, buttons) and the extension's own words
    (the catalog ``annbook_book.po``) are checked too.
    """
    if (
        exception is not None
        or app.builder.format != "html"
        or app.config.language not in layout.TRANSLATIONS
    ):
        return
    language = app.config.language
    missing = untranslated(app.env)
    for docname, message in missing:
        what = "fuzzy (outdated) translation" if message.fuzzy else "no translation"
        text = message.text if len(message.text) <= 100 else message.text[:97] + "..."
        logger.warning(
            "%s: %r", what, text, location=(docname, message.line), type="annbook",
            subtype="translation",
        )  # fmt: skip
    catalogs = {
        "a template string": (layout.catalog(language, TEMPLATES, Path(app.srcdir)), {}),
        "the extension's words": (messages.catalog_path(language), messages.extract()),
    }
    count = len(missing)
    for kind, (path, expected) in catalogs.items():
        for place, msgid, fuzzy in _not_current(path, expected):
            what = "fuzzy (outdated) translation" if fuzzy else "no translation"
            logger.warning(
                "%s of %s: %r", what, kind, msgid, location=place, type="annbook",
                subtype="translation",
            )  # fmt: skip
            count += 1
    if count:
        app.statuscode = 1
        folder = Path(app.srcdir) / layout.LOCALES / language / "LC_MESSAGES"
        logger.error(
            "translation: %d string%s without a current translation; translate them in %s "
            "and %s (`nox -s translations` brings the catalogs up to date with the English text)",
            count,
            "" if count == 1 else "s",
            folder,
            messages.catalog_path(language),
        )
    else:
        statuses = Statuses.values(app.env)
        logger.info(
            "translation: all %d strings of %d pages translated",
            sum(status.total for status in statuses.values()),
            len(statuses),
        )


def setup(app):
    app.add_env_collector(Statuses)
    app.add_transform(RecordStatus)
    app.connect("build-finished", check_translations)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
