"""Sphinx configuration of annbook, the executable textbook."""

from __future__ import annotations

import os
from importlib.metadata import version
from pathlib import Path

DOCS = Path(__file__).parent

# The chapters run on the "annbook" kernel in docs/_kernels, which starts with
# TensorFlow imported and its start-up log lines filtered (see launch.py).
os.environ["JUPYTER_PATH"] = os.pathsep.join(
    [str(DOCS / "_kernels"), *filter(None, [os.environ.get("JUPYTER_PATH")])]
)

project = "annbook"
author = "The annbook authors"
copyright = "2026, The annbook authors"
release = version("annbook")
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
    "sphinx_copybutton",
]

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
nb_execution_cache_path = str(DOCS / "_build" / ".jupyter_cache")
nb_execution_timeout = 300  # seconds per cell
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
