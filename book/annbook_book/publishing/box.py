"""The "Tested with" box under each chapter's title: what the book ran on, and downloads.

The box names the Python and the releases that built the book, and the
Pythons and releases annbook's tests passed on with the same code, as the
test matrix recorded them (:mod:`annbook_book.publishing.tested`).

Also the kernelspec that a reader's copy of a downloaded notebook runs on.
"""

from __future__ import annotations

import datetime as dt
import platform
import re
from importlib.metadata import version as installed_version

from docutils import nodes
from sphinx.transforms import SphinxTransform

from annbook_book.execution.keys import fingerprinted_packages
from annbook_book.i18n.messages import translation
from annbook_book.layout import PACKAGE

from . import tested

_TITLE = re.compile(r"^# .*\n", re.MULTILINE)
#: The class of the "Tested with" box. The box is made by the extension, in
#: each edition's words (:mod:`annbook_book.i18n.messages`), not written in a
#: chapter, so it is kept out of the chapters' catalogs: its line of versions
#: and build date would be a new string to translate every day.
BOX_CLASS = "annbook-tested-with"
#: What a reader's copy of a downloaded notebook runs on.
READER_KERNELSPEC = {
    "name": "python3",
    "display_name": "Python 3 (ipykernel)",
    "language": "python",
}


def tested_with(language: str) -> str:
    """Return the line that says what the book ran on, and when it was built."""
    versions = ", ".join(f"{name} {installed_version(name)}" for name in fingerprinted_packages())
    built = translation(language).gettext("built {date}")
    return (
        f"Python {platform.python_version()}, {versions}, {PACKAGE} {installed_version(PACKAGE)}; "
        + built.format(date=f"{dt.datetime.now(dt.UTC):%Y-%m-%d}")
    )


def matrix_line(language: str, *, versions: bool = False) -> str:
    """Return the Pythons and releases annbook's tests passed on, with the versions if asked."""
    return tested.describe(tested.passed(), language, versions=versions)


def add_tested_with(text: str, docname: str, line: str, language: str = "en") -> str:
    """Return a chapter's text with a "Tested with" box and download links under its title."""
    words = translation(language)
    title, download = words.gettext("Tested with"), words.gettext("Download")
    notebook, source = words.gettext("executed notebook (.ipynb)"), words.gettext("source (.md)")
    downloads = (
        f'{download}: <a href="_sources/{docname}.ipynb">{notebook}</a>'
        f' · <a href="_sources/{docname}.md">{source}</a>'
    )
    box = f"\n```{{admonition}} {title}\n:class: tip {BOX_CLASS}\n{line}\n\n{downloads}\n```\n"
    return _TITLE.sub(lambda heading: heading[0] + box, text, count=1)


class KeepBoxOutOfCatalogs(SphinxTransform):
    """Before Sphinx extracts or translates a chapter's strings: not the "Tested with" box."""

    default_priority = 18  # before sphinx.transforms.i18n.Locale (20)

    def apply(self, **kwargs) -> None:  # noqa: ARG002
        for box in self.document.findall(nodes.Element):
            if BOX_CLASS in box.get("classes", []):
                for text in box.findall(nodes.TextElement):
                    text["translatable"] = False
