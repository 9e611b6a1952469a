"""Programs that work on the built book, and the facts about its layout they share.

- :mod:`tools.project`: where things are and how the book is built (chapters,
  Sphinx options, build folders); imported by ``docs/conf.py``, the book's
  Sphinx extension, ``noxfile.py`` and the tests.
- :mod:`tools.check_site`: third-party loads and accessibility in the built HTML.
- :mod:`tools.check_offline`: every page in headless Chromium with the network cut off.
- :mod:`tools.bench`: build, test and training times against the budgets,
  on a temporary copy of the project.
- :mod:`tools.edits`: the edits of Python source that the benchmark and the
  execution-cache tests make on purpose.

The checks that need the execution cache run inside the Sphinx build, in the
book's extension (``docs/_ext/annbook_book``).
"""
