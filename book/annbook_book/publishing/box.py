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

from annbook_book.execution.keys import PACKAGE, fingerprinted_packages

from . import tested

_TITLE = re.compile(r"^# .*\n", re.MULTILINE)
#: The words of the "Tested with" box, in each edition. The box is made by the
#: extension, not written in a chapter, so it is not in the catalogs: its line
#: of versions and build date would be a new string to translate every day.
BOX_CLASS = "annbook-tested-with"
BOX_WORDS = {
    "en": {
        "title": "Tested with",
        "built": "built",
        "download": "Download",
        "notebook": "executed notebook (.ipynb)",
        "source": "source (.md)",
        "tests": "annbook's tests",
        "passed": "passed on {runs}",
        "newest": "newest releases",
        "lowest": "oldest releases",
        "none": "have no run recorded for this code (`nox -s tests-matrix`)",
    },
    "ko": {
        "title": "실행 환경",
        "built": "빌드",
        "download": "내려받기",
        "notebook": "실행된 노트북(.ipynb)",
        "source": "원본(.md)",
        "tests": "annbook 테스트:",
        "passed": "{runs}에서 통과",
        "newest": "최신 릴리스",
        "lowest": "가장 오래된 릴리스",
        "none": "이 코드로 기록된 실행 없음(`nox -s tests-matrix`)",
    },
}
#: What a reader's copy of a downloaded notebook runs on.
READER_KERNELSPEC = {
    "name": "python3",
    "display_name": "Python 3 (ipykernel)",
    "language": "python",
}


def box_words(language: str) -> dict[str, str]:
    """Return the words of the "Tested with" box in ``language`` (English if not translated)."""
    return BOX_WORDS.get(language, BOX_WORDS["en"])


def tested_with(language: str) -> str:
    """Return the line that says what the book ran on, and when it was built."""
    versions = ", ".join(f"{name} {installed_version(name)}" for name in fingerprinted_packages())
    return (
        f"Python {platform.python_version()}, {versions}, {PACKAGE} {installed_version(PACKAGE)}; "
        f"{box_words(language)['built']} {dt.datetime.now(dt.UTC):%Y-%m-%d}"
    )


def matrix_line(language: str, *, versions: bool = False) -> str:
    """Return the Pythons and releases annbook's tests passed on, with the versions if asked."""
    return tested.describe(tested.passed(), box_words(language), versions=versions)


def add_tested_with(text: str, docname: str, line: str, language: str = "en") -> str:
    """Return a chapter's text with a "Tested with" box and download links under its title."""
    words = box_words(language)
    downloads = (
        f'{words["download"]}: <a href="_sources/{docname}.ipynb">{words["notebook"]}</a>'
        f' · <a href="_sources/{docname}.md">{words["source"]}</a>'
    )
    box = (
        f"\n```{{admonition}} {words['title']}\n:class: tip {BOX_CLASS}\n"
        f"{line}\n\n{downloads}\n```\n"
    )
    return _TITLE.sub(lambda title: title[0] + box, text, count=1)
