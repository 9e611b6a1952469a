"""A small book's configuration: the book's own (docs/conf.py), run here.

Its folders (``_build``, the execution cache, ``locales``) are this book's;
its static files, templates and references are the book's, where they are.
"""

from annbook_book import layout

# Run here, so that its own folder (``HERE``) is this book's.
conf = layout.DOCS / "conf.py"
exec(compile(conf.read_text("utf-8"), str(conf), "exec"))  # noqa: S102

html_static_path = [str(layout.DOCS / path) for path in html_static_path]  # noqa: F821
templates_path = [str(layout.DOCS / path) for path in templates_path]  # noqa: F821
html_favicon = str(layout.DOCS / html_favicon)  # noqa: F821
bibtex_bibfiles = [str(layout.DOCS / path) for path in bibtex_bibfiles]  # noqa: F821
