"""Bring the catalogs in ``docs/locales`` up to date with the English text.

``nox -s translations`` runs ``python -m annbook_book translations``. Sphinx
extracts every page's strings (``-b gettext``; figure captions come from the
execution cache, so run it after ``nox -s docs``, or it executes the chapters
first), and sphinx-intl merges them into each language's catalogs: a new
string gets an empty entry, an edited one a fuzzy entry with the old
translation, to be checked and unmarked.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

from annbook_book import layout


def main(argv: list[str] | None = None) -> int:  # noqa: ARG001
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
    return 0
