"""What ``python -m annbook_book build`` (``nox -s docs``) does beyond Sphinx's own build.

A build with nothing changed since one that passed does nothing; a fixed
import error on an API page leaves no page stale (:mod:`annbook_book.build`).
"""

import pytest

from annbook_book import layout
from annbook_book.build import STAMP

from .books import chapter

SHOWN = 'print("shown")'


@pytest.mark.build
def test_a_build_does_nothing_when_nothing_changed_since_one_that_passed(small_book):
    book = small_book.chapters({"one": chapter(SHOWN)})
    page = book.html / "one.html"
    stamp = book.docs / layout.BUILD_FOLDER / STAMP
    first = book.build()
    assert "nothing changed" not in first.stderr
    written = page.stat().st_mtime_ns

    again = book.build()
    assert "nothing changed since the last build" in again.stderr
    assert page.stat().st_mtime_ns == written

    # A prose edit: the build runs, and writes the page.
    source = book.docs / "one.md"
    source.write_text(source.read_text().replace("Prose.", "Other prose."))
    edited = book.build()
    assert "nothing changed" not in edited.stderr
    assert "Other prose." in page.read_text()

    # A build that fails (here on a reference to no page, with no chapter to execute) leaves
    # no stamp: the next one runs, though nothing changed since the last that passed.
    passed = source.read_text()
    source.write_text(passed.replace("Other prose.", "Other prose, {doc}`nowhere`."))
    assert book.build(passes=False).returncode != 0
    assert not stamp.exists()
    source.write_text(passed)
    assert "nothing changed" not in book.build().stderr
    assert "nothing changed since the last build" in book.build().stderr


API_MODULES = {
    "_book_api/__init__.py": "from annbook._book_api.parts import part\n",
    "_book_api/parts.py": 'def part():\n    """Say part."""\n    return 1\n',
}
API_PAGE = """\
# API

```{eval-rst}
.. automodule:: annbook._book_api
   :no-members:

.. currentmodule:: annbook

.. autosummary::
   :toctree: generated

   _book_api.part
```
"""


@pytest.mark.build
def test_an_api_page_that_failed_to_import_leaves_nothing_stale_once_fixed(small_book):
    book = small_book.chapters({"one": chapter(SHOWN)})
    package = book.plant(API_MODULES) / "_book_api"
    api = book.docs / "api.md"
    api.write_text(API_PAGE)
    index = book.docs / "index.md"
    index.write_text(index.read_text().replace("one\n", "one\napi\n"))
    book.build()

    # A new function, listed in the API page, in a module that fails to import.
    parts = package / "parts.py"
    fine = f'{parts.read_text()}\n\ndef other():\n    """Say other."""\n    return 2\n'
    parts.write_text(f"import annbook._no_such_module\n\n{fine}")
    (package / "__init__.py").write_text("from annbook._book_api.parts import other, part\n")
    api.write_text(
        API_PAGE.replace("   _book_api.part\n", "   _book_api.part\n   _book_api.other\n")
    )
    broken = book.build(passes=False)
    assert broken.returncode != 0
    assert "_no_such_module" in broken.stdout + broken.stderr

    # Fixed: the page of the new function is generated, and the API page lists it.
    parts.write_text(fine)
    book.build()
    assert "Say other." in (book.html / "generated" / "annbook._book_api.other.html").read_text()
    assert "annbook._book_api.other.html" in (book.html / "api.html").read_text()
