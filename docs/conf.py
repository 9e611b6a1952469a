"""Sphinx configuration of annbook, the executable textbook."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import platform
import re
from importlib.metadata import version as installed_version
from pathlib import Path

DOCS = Path(__file__).parent
ROOT = DOCS.parent

# The chapters run on the "annbook" kernel in docs/_kernels, which starts with
# TensorFlow imported and its start-up log lines filtered (see launch.py).
os.environ["JUPYTER_PATH"] = os.pathsep.join(
    [str(DOCS / "_kernels"), *filter(None, [os.environ.get("JUPYTER_PATH")])]
)

project = "annbook"
author = "The annbook authors"
copyright = "2026, The annbook authors"
release = installed_version("annbook")
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
    "sphinx_copybutton",
    "sphinx_exercise",
    # Hides solutions: sphinx-exercise gives a `:class: dropdown` solution
    # that class, but only sphinx-togglebutton folds it; without it the
    # solution is shown open.
    "sphinx_togglebutton",
    "sphinxcontrib.bibtex",
]
bibtex_bibfiles = ["references.bib"]
bibtex_default_style = "plain"
bibtex_reference_style = "author_year"

exclude_patterns = ["_build", "_kernels", "Thumbs.db", ".DS_Store", "**.ipynb_checkpoints"]
nitpicky = True
# The book builds offline, so there is no intersphinx: names from other
# projects (NumPy, Keras, Matplotlib, Python) are shown as text, not linked.
# References to annbook itself must all resolve.
nitpick_ignore_regex = [(r"py:(class|func|obj|meth|attr|data|exc)", r"(?!annbook\.).*")]

# -- API reference -----------------------------------------------------------
autosummary_generate = True
autodoc_typehints = "none"
# Documenting the API need not start TensorFlow in the Sphinx process.
autodoc_mock_imports = ["keras", "tensorflow"]
autodoc_default_options = {"members": True}
napoleon_google_docstring = False
napoleon_numpy_docstring = True
napoleon_use_rtype = False
napoleon_preprocess_types = True

# -- MyST and execution ------------------------------------------------------
myst_enable_extensions = ["amsmath", "colon_fence", "deflist", "dollarmath", "substitution"]
myst_heading_anchors = 3

nb_execution_mode = "cache"
nb_execution_cache_path = os.environ.get(
    "ANNBOOK_EXECUTION_CACHE", str(DOCS / "_build" / ".jupyter_cache")
)
#: Records kept in the execution cache: a few per chapter, the oldest go first.
EXECUTION_CACHE_LIMIT = 40
nb_execution_timeout = 600  # seconds per cell: a safety net, not a budget
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_output_stderr = "error"  # a chapter that writes to stderr fails the build
nb_merge_streams = True

# -- HTML --------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = "annbook"
html_theme_options = {
    "show_toc_level": 2,
    "use_download_button": True,
    "home_page_in_toc": True,
}
html_last_updated_fmt = ""
html_static_path = ["_static"]
# Readability fixes for light and dark mode (model summaries' colours).
html_css_files = ["annbook.css"]
# Without an icon of its own, every browser asks the host for /favicon.ico,
# a request that fails wherever the book is served or opened from files.
html_favicon = "_static/favicon.svg"
# MathJax is served from the book's own _static folder (see its README), so
# pages make no third-party requests and work offline.
mathjax_path = "mathjax/tex-chtml-full.js"


# -- Package-aware execution cache --------------------------------------------
# jupyter-cache keys a chapter on its code cells and its kernelspec only, so
# an edit to annbook itself, or a new TensorFlow, would leave stale outputs.
# Each chapter's kernelspec therefore carries a fingerprint of everything
# else its outputs depend on: the annbook source, the book's kernel, and the
# installed TensorFlow, Keras and NumPy. Prose edits leave it unchanged.


FINGERPRINTED_PACKAGES = ("tensorflow", "keras", "numpy")


def execution_fingerprint(root: Path = ROOT) -> str:
    """Return a SHA-256 of the annbook source, the kernel and key versions."""
    digest = hashlib.sha256()
    for name in FINGERPRINTED_PACKAGES:
        digest.update(f"{name}=={installed_version(name)}\n".encode())
    for folder in (root / "src" / "annbook", root / "docs" / "_kernels"):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(root)).encode() + b"\0")
                digest.update(path.read_bytes())
    return digest.hexdigest()


FINGERPRINT = execution_fingerprint()
#: A config value, so that Sphinx reads every chapter again when it changes
#: (and myst-nb then looks them up in the cache under the new fingerprint).
annbook_fingerprint = FINGERPRINT
KERNELSPEC = re.compile(r"^kernelspec:\n", re.MULTILINE)
TITLE = re.compile(r"^# .*\n", re.MULTILINE)
TESTED_WITH = (
    f"Python {platform.python_version()}, TensorFlow {installed_version('tensorflow')}, "
    f"Keras {installed_version('keras')}, NumPy {installed_version('numpy')}, "
    f"annbook {release}; built {dt.datetime.now(dt.UTC):%Y-%m-%d}"
)
myst_substitutions = {"tested_with": TESTED_WITH}


def _prepare_notebook(app, docname, source):  # noqa: ARG001
    """Before myst-nb reads a chapter: fingerprint its kernelspec, add "tested with"."""
    text, count = KERNELSPEC.subn(
        f"kernelspec:\n  annbook_fingerprint: {FINGERPRINT}\n", source[0], count=1
    )
    if count:
        downloads = (
            f'Download: <a href="_sources/{docname}.ipynb">executed notebook (.ipynb)</a>'
            f' · <a href="_sources/{docname}.md">source (.md)</a>'
        )
        line = f"\n```{{admonition}} Tested with\n:class: tip\n{TESTED_WITH}\n\n{downloads}\n```\n"
        source[0] = TITLE.sub(lambda title: title[0] + line, text, count=1)


def _offer_executed_notebook(app, pagename, templatename, context, doctree):  # noqa: ARG001
    """Write a chapter's executed notebook beside its source, for download.

    myst-nb renders a chapter from the execution cache; the notebook it writes
    to ``jupyter_execute`` on a cache hit has no outputs. The download is
    therefore taken from the cache too, with the kernel a reader has
    (``python3``). The theme's download menu lists it as ``.ipynb``.
    """
    path = DOCS / f"{pagename}.md"
    if doctree is None or not path.is_file():
        return
    source = [path.read_text(encoding="utf-8")]
    _prepare_notebook(app, pagename, source)
    if FINGERPRINT not in source[0]:
        return  # not a chapter
    import nbformat  # noqa: PLC0415
    from jupyter_cache import get_cache  # noqa: PLC0415
    from myst_nb.core.read import read_myst_markdown_notebook  # noqa: PLC0415

    notebook = read_myst_markdown_notebook(source[0])
    try:
        _, notebook = get_cache(nb_execution_cache_path).merge_match_into_notebook(notebook)
    except KeyError:
        return  # not executed; docs/check_book.py reports it
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)
    context["ipynb_source"] = target.name


def _limit_execution_cache(app):  # noqa: ARG001
    from jupyter_cache import get_cache  # noqa: PLC0415

    get_cache(nb_execution_cache_path).change_cache_limit(EXECUTION_CACHE_LIMIT)


def setup(app):
    app.add_config_value("annbook_fingerprint", "", "env", types=[str])
    app.connect("builder-inited", _limit_execution_cache)
    app.connect("source-read", _prepare_notebook)
    # Before the theme builds its download menu (priority 501).
    app.connect("html-page-context", _offer_executed_notebook, priority=500)
