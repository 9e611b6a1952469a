"""The catalogs: read them, and bring them up to date with the English text.

``nox -s translations`` runs ``python -m annbook_book translations``. Sphinx
extracts every page's strings (``-b gettext``; figure captions come from the
execution cache, so run it after ``nox -s docs``, or it executes the chapters
first), and sphinx-intl merges them into each language's catalogs in
``docs/locales``; the extension's own words are merged into its catalogs
(:func:`annbook_book.i18n.messages.update_catalogs`). A new string gets an
empty entry, an edited one a fuzzy entry with the old translation, to be
checked and unmarked.
"""

from __future__ import annotations

import argparse
import functools
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from annbook_book import layout

from . import messages


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


def main(argv: list[str] | None = None) -> int:
    # No arguments; --help says what the command does.
    argparse.ArgumentParser(description=__doc__.split("\n\n")[0]).parse_args(argv)
    templates = layout.BUILD / "gettext"
    shutil.rmtree(templates, ignore_errors=True)
    gettext = [sys.executable, "-m", "sphinx", "-b", "gettext", "-q", "-T"]
    subprocess.run([*gettext, str(layout.DOCS), str(templates)], check=True)
    # The API reference stays English; _static holds no page of the book.
    for folder in (*layout.UNTRANSLATED, "_static"):
        shutil.rmtree(templates / folder, ignore_errors=True)
    for language in layout.TRANSLATIONS:
        subprocess.run(
            ["sphinx-intl", "update", "--pot-dir", str(templates),
             "--locale-dir", str(layout.DOCS / layout.LOCALES), "--language", language],
            check=True,
        )  # fmt: skip
    messages.update_catalogs()
    return 0
