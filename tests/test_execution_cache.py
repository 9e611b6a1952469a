"""The execution cache goes stale with the package, not with the prose.

jupyter-cache keys a chapter on its code cells and kernelspec. The book's
Sphinx extension (``annbook_book``) adds a fingerprint of the annbook
package, the book's kernel and the versions of annbook's dependencies to the
kernelspec before myst-nb reads a chapter. These tests follow a chapter
through that path to the cache key.
"""

import re
from importlib.metadata import version
from pathlib import Path

import pytest
from jupyter_cache.cache.main import JupyterCacheBase
from myst_nb.core.read import read_myst_markdown_notebook

from annbook.datasets import WAVEFORM_NAMES
from annbook_book import execution
from tools import project

ROOT = project.ROOT
CHAPTER = (project.DOCS / "cnn-mnist.md").read_text()


def fingerprint(tree: Path) -> str:
    return execution.execution_fingerprint(
        tree / "src" / "annbook", tree / "docs" / project.KERNELS
    )


def cache_key(chapter_text: str, fingerprint: str) -> str:
    notebook = read_myst_markdown_notebook(
        execution.fingerprint_kernelspec(chapter_text, fingerprint)
    )
    _, key = JupyterCacheBase.create_hashed_notebook(None, notebook)
    return key


def test_fingerprint_is_stable(tree):
    assert fingerprint(tree) == fingerprint(tree)
    assert fingerprint(tree) == fingerprint(ROOT)


def test_editing_a_builder_changes_the_fingerprint(tree):
    before = fingerprint(tree)
    builder = tree / "src" / "annbook" / "models" / "conv.py"
    builder.write_text(builder.read_text().replace('activation="relu"', 'activation="tanh"', 1))
    assert fingerprint(tree) != before


def test_editing_the_kernel_changes_the_fingerprint(tree):
    before = fingerprint(tree)
    kernel = next((tree / "docs" / project.KERNELS).rglob("kernel.json"))
    kernel.write_text(kernel.read_text().replace('"1"', '"0"'))
    assert fingerprint(tree) != before


@pytest.mark.parametrize("package", execution.fingerprinted_packages())
def test_a_new_version_of_a_dependency_changes_the_fingerprint(tree, monkeypatch, package):
    before = fingerprint(tree)

    def newer(name):
        return "99.0" if name == package else version(name)

    monkeypatch.setattr(execution, "installed_version", newer)
    assert fingerprint(tree) != before


def test_the_fingerprinted_packages_are_annbooks_requirements():
    assert sorted(execution.fingerprinted_packages()) == [
        "keras",
        "matplotlib",
        "numpy",
        "tensorflow",
    ]


def test_a_new_fingerprint_changes_the_chapter_cache_key():
    assert cache_key(CHAPTER, "a" * 64) != cache_key(CHAPTER, "b" * 64)


def test_a_prose_edit_keeps_the_chapter_cache_key():
    edited = CHAPTER.replace("## Setup", "## Setup\n\nA new sentence of prose.", 1)
    assert edited != CHAPTER
    assert cache_key(CHAPTER, "a" * 64) == cache_key(edited, "a" * 64)


def test_the_tested_with_box_keeps_the_chapter_cache_key():
    boxed = execution.add_tested_with(CHAPTER, "cnn-mnist", execution.tested_with())
    assert "Tested with" in boxed
    assert "_sources/cnn-mnist.ipynb" in boxed
    assert cache_key(CHAPTER, "a" * 64) == cache_key(boxed, "a" * 64)


def test_a_code_edit_changes_the_chapter_cache_key():
    edited = CHAPTER.replace("set_seed(3)\nmodel = build_cnn()", "set_seed(4)\nmodel = build_cnn()")
    assert edited != CHAPTER
    assert cache_key(CHAPTER, "a" * 64) != cache_key(edited, "a" * 64)


STALE_CHAPTER = """\
---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  name: annbook
  display_name: Python 3 (annbook)
  language: python
---

# A chapter

Prose.

```{code-cell} ipython3
import uuid

from annbook.datasets import WAVEFORM_NAMES

print("names:", "/".join(WAVEFORM_NAMES), "run:", uuid.uuid4().hex)
```
"""
SHOWN = re.compile(r"names: (\S+) run: ([0-9a-f]{32})")


@pytest.fixture
def book(tree, make_book):
    """A one-chapter book built with the real conf.py, extension, kernel and a copy of annbook."""
    return make_book(tree, STALE_CHAPTER)


@pytest.fixture
def build(build_book):
    """``build(tree)``: build the book in a fresh Sphinx process; return what the chapter shows."""

    def build(tree: Path) -> tuple[str, str]:
        build_book(tree)
        html = tree / "docs" / "_build" / "html"
        return SHOWN.search((html / "chapter.html").read_text()).groups()

    return build


@pytest.mark.slow
def test_a_builder_edit_reexecutes_and_a_prose_edit_does_not(book, build):
    names, first_run = build(book)
    assert names == "/".join(WAVEFORM_NAMES)

    chapter = book / "docs" / "chapter.md"
    chapter.write_text(STALE_CHAPTER.replace("Prose.", "Edited prose."))
    assert build(book) == (names, first_run)  # read again, served from the cache

    datasets = book / "src" / "annbook" / "datasets.py"
    datasets.write_text(datasets.read_text().replace('"sine"', '"sinus"', 1))
    new_names, new_run = build(book)
    assert new_run != first_run  # executed again
    assert new_names == names.replace("sine", "sinus")  # and shows the edited package
