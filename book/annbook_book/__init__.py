"""annbook's Sphinx extension: execute chapters honestly, and check what the book shows.

``docs/conf.py`` lists ``annbook_book`` among its extensions (the nox
sessions install this package, ``book/``). Each feature is a module or
subpackage with its own ``setup(app)`` that connects its own handlers; this
one only calls them:

- :mod:`annbook_book.kernel`: the chapters' kernel, over IPC sockets in a
  private directory;
- :mod:`annbook_book.execution`: each chapter's key of what its outputs
  depend on, the execution cache's limit, chapters that execute alone,
  builds that did not finish;
- :mod:`annbook_book.publishing`: annbook's wheel, the "Tested with" box,
  executed notebooks to download, launch buttons;
- :mod:`annbook_book.checks`: the book check at the end of the build;
- :mod:`annbook_book.i18n`: the translated editions;
- :mod:`annbook_book.accessibility`: names and roles the tools leave out;
- :mod:`annbook_book.pages`: the book's templates and search ranking;
- :mod:`annbook_book.numbering`: chapters numbered through the book;
- :mod:`annbook_book.pdf`: the book as a PDF (Sphinx's LaTeX builder), and the links to it;
- :mod:`annbook_book.previews`: previews of terms and references, on hover and focus.

The rest of the package works on the book from outside Sphinx:
:mod:`annbook_book.build` builds it (``python -m annbook_book build``, the
one way the book is built: ``nox -s docs``, the benchmark and the tests
call it), and ``python -m annbook_book --help`` lists the other commands.
"""

from __future__ import annotations

from . import (
    accessibility,
    checks,
    execution,
    i18n,
    kernel,
    numbering,
    pages,
    pdf,
    previews,
    publishing,
)


def setup(app):
    features = (
        kernel, execution, publishing, checks, i18n, accessibility, pages, numbering, pdf,
        previews,
    )  # fmt: skip
    for feature in features:
        feature.setup(app)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
