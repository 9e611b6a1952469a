"""Sphinx configuration of annbook, the executable textbook."""

from __future__ import annotations

import os
from importlib.metadata import version as installed_version
from pathlib import Path

# The book's own Sphinx extension and the facts about the book's layout it
# uses: the annbook_book package (book/), which the nox sessions install.
from annbook_book import layout

HERE = Path(__file__).resolve().parent

project = "annbook"
author = "The annbook authors"
copyright = "2026, The annbook authors"
release = installed_version("annbook")
version = ".".join(release.split(".")[:2])

extensions = [
    # Vector PDFs of SVG figures for the PDF, by rsvg-convert (Debian's librsvg2-bin).
    "sphinxcontrib.rsvgconverter",
    # Execution fingerprint, "Tested with" box, executed-notebook download,
    # cache limit, and the book check at the end of the build.
    "annbook_book",
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
# "Hinton et al. [2006]"; the Korean edition cites with the same style in
# Korean words, "Hinton 외 [2006]" (annbook_book.i18n.citations_ko).
bibtex_reference_style = "author_year"

exclude_patterns = [
    layout.BUILD_FOLDER,
    # The site's static files (MathJax's README), which only the HTML builder leaves out.
    "_static",
    "Thumbs.db",
    ".DS_Store",
    "**.ipynb_checkpoints",
]
nitpicky = True
# The book builds offline, so there is no intersphinx: names from other
# projects (NumPy, Keras, Matplotlib, Python) are shown as text, not linked.
# References to annbook itself must all resolve.
nitpick_ignore_regex = [(r"py:(class|func|obj|meth|attr|data|exc)", r"(?!annbook\.).*")]
# autosummary lists the methods a named tuple inherits from tuple; they have no page.
nitpick_ignore = [
    ("py:obj", f"annbook.scratch.dense.PerceptronFit.{name}") for name in ("count", "index")
]

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

# Figures, tables and equations numbered by chapter ("Fig. 3.2"), on the site as in the
# PDF; the landing page's toctrees number the chapters through the book.
numfig = True
numfig_secnum_depth = 1

# -- MyST and execution ------------------------------------------------------
myst_enable_extensions = ["amsmath", "colon_fence", "deflist", "dollarmath", "substitution"]
myst_heading_anchors = 3

nb_execution_mode = "cache"
nb_execution_cache_path = str(layout.execution_cache(HERE))
# Records kept in the execution cache: a few per chapter, the oldest go first.
annbook_execution_cache_limit = 40
# Chapters that show how long their own runs take: under `-j` they execute
# first, with the machine to themselves, then the others share the processes.
annbook_execute_alone = ["distributed"]
nb_execution_timeout = 600  # seconds per cell: a safety net, not a budget
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_output_stderr = "error"  # a chapter that writes to stderr fails the build
nb_merge_streams = True

# -- Translations ------------------------------------------------------------
# The Korean edition (`-D language=ko`) reads the same sources and takes its
# text from docs/locales/ko/LC_MESSAGES, one catalog per page so that pages are
# translated independently. Catalogs carry no source locations and no uuids:
# an English edit changes only the entries it touches. The build compiles the
# .po files to .mo (gettext_auto_build), and annbook_book fails it on any
# string without a current translation, naming page and line.
locale_dirs = [layout.LOCALES]
gettext_compact = False
gettext_location = False
gettext_uuid = False
gettext_auto_build = True
# Sphinx extracts the strings to translate (`-b gettext`, `nox -s translations`)
# from pages rendered as for the web: the chapters' figures as images, so that
# their alt texts reach the catalogs (myst-nb renders them as text otherwise).
nb_mime_priority_overrides = [
    ("gettext", "image/svg+xml", 4),
    ("gettext", "image/png", 5),
    # The PDF takes a figure's SVG before its PNG: vector, and sharp at any size.
    ("latex", "image/svg+xml", 15),
]

# -- HTML --------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = "annbook"
html_theme_options = {
    "show_toc_level": 2,
    "use_download_button": True,
    "home_page_in_toc": True,
    # The link to the same page in the other edition, then the theme's buttons.
    "article_header_end": ["annbook-edition-switch.html", "article-header-buttons.html"],
}
# sphinx-book-theme's sidebar, its navigation drawn once per page, not twice
# (see the template's comment).
html_sidebars = {
    "**": [
        "navbar-logo.html",
        "icon-links.html",
        "search-button-field.html",
        "book-sidebar-nav-bs.html",
    ]
}
html_last_updated_fmt = ""
html_static_path = ["_static"]
# Overrides of the theme's templates, for accessibility (see the templates' comments).
# annbook_book adds its own templates (edition switch, sidebar navigation) and
# its search scorer (a chapter ranks above the landing page whose part
# captions repeat its title, and above the glossary's entry for a term its
# titles name).
templates_path = ["_templates"]
# Readability fixes for light and dark mode (model summaries' colours).
html_css_files = ["annbook.css"]
# Without an icon of its own, every browser asks the host for /favicon.ico,
# a request that fails wherever the book is served or opened from files.
html_favicon = "_static/favicon.svg"
# -- Where the book is published ---------------------------------------------
# Each setting comes from the environment and is empty by default, as for a
# book built and read on one's own machine; what it enables is then absent.
# The book's URL, https://<owner>.github.io/annbook/ for example: pages show
# the command that installs the wheel published with the book from there.
html_baseurl = os.environ.get("ANNBOOK_BASE_URL", "")
# The repository, https://github.com/<owner>/annbook: pages show the command
# that installs annbook from it at the commit built.
annbook_repository_url = os.environ.get("ANNBOOK_REPOSITORY_URL", "")
# The branch of that repository that holds the built book, gh-pages for
# example: each chapter gets launch buttons that open its executed notebook
# from there in Colab and Binder.
annbook_notebooks_branch = os.environ.get("ANNBOOK_NOTEBOOKS_BRANCH", "")

# -- The PDF (`nox -s pdf`, annbook_book.pdf) ------------------------------------------
# Each edition is one book: the landing page's toctrees, a part per caption
# that lists chapters; the title is the landing page's, in the edition's words.
latex_engine = "xelatex"
latex_documents = [("index", layout.LATEX_DOCUMENT, project, author, "manual", True)]
# The book class: front matter (contents, map, how the book is honest), main
# matter (the chapters) and back matter (glossary, bibliography, index).
latex_docclass = {"manual": "book"}
# What the site leaves to the reader's screen: the API reference and the
# execution report are the site's.
annbook_pdf_leave_out = ["api/index", "execution-report"]
# A reference on paper says on which page it lands; a link shows its address.
latex_show_pagerefs = True
latex_show_urls = "footnote"
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "10pt",
    # Chapters start on the next page, not the next right-hand one: no blank pages.
    "classoptions": ",openany",
    # Korean is typeset by ko.TeX (annbook_book.pdf), which neither babel nor
    # polyglossia know.
    "polyglossia": "",
    "babel": "",
    # GNU FreeFont (Debian's fonts-freefont-otf) for the text: Greek and the
    # symbols the prose uses; DejaVu Sans Mono for code, with the box drawing of
    # Keras' model summaries.
    "fontpkg": r"""
\setmainfont{FreeSerif}[Extension=.otf, UprightFont=*, ItalicFont=*Italic,
  BoldFont=*Bold, BoldItalicFont=*BoldItalic]
\setsansfont{FreeSans}[Extension=.otf, UprightFont=*, ItalicFont=*Oblique,
  BoldFont=*Bold, BoldItalicFont=*BoldOblique]
\setmonofont{DejaVu Sans Mono}[Scale=0.85]
""",
    # Code and outputs a size smaller than the text; a line too long for the
    # page is wrapped (Sphinx marks the break), never cut.
    "fvset": r"\fvset{fontsize=\small}",
    "sphinxsetup": "verbatimforcewraps=true, verbatimmaxunderfull=0",
    # The contents open the front matter, with roman page numbers.
    "tableofcontents": r"\frontmatter{\setlength{\parskip}{0pt}\tableofcontents}",
    "tocdepth": r"\setcounter{tocdepth}{1}",
    # Chapters and sections numbered, as on the site.
    "secnumdepth": r"\setcounter{secnumdepth}{1}",
    "preamble": r"""
% Sections are numbered in the chapters only, as on the site.
\makeatletter
\g@addto@macro\frontmatter{\edef\annbooksecnumdepth{\the\c@secnumdepth}%
  \setcounter{secnumdepth}{-1}}
\g@addto@macro\mainmatter{\setcounter{secnumdepth}{\annbooksecnumdepth}}
\g@addto@macro\backmatter{\setcounter{secnumdepth}{-1}}
\makeatother
% The references are listed in the bibliography's chapter, under its words.
\renewenvironment{sphinxthebibliography}[1]{\renewcommand{\chapter}[2]{}%
  \renewcommand{\addcontentsline}[3]{}\begin{thebibliography}{#1}}{\end{thebibliography}}
% The index lists terms, in the text's font (Sphinx sets its entries as code).
\renewcommand{\sphinxstyleindexentry}[1]{#1}
% A cell's outputs: smaller than its code, on no background.
\newenvironment{sphinxclasscell_output}{\fvset{fontsize=\footnotesize}%
  \sphinxsetup{VerbatimColor={rgb}{1,1,1}, VerbatimBorderColor={rgb}{0.75,0.75,0.75}}}{}
""",
}

# MathJax is served from the book's own _static folder (see its README), so
# pages make no third-party requests and work offline.
mathjax_path = "mathjax/tex-chtml-full.js"
