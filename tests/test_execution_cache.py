"""The execution cache goes stale with the package, not with the prose.

jupyter-cache keys a chapter on its code cells and kernelspec. ``docs/conf.py``
adds a fingerprint of ``src/annbook``, the book's kernel and the TensorFlow,
Keras and NumPy versions to the kernelspec before myst-nb reads a chapter.
These tests follow a chapter through that path to the cache key.
"""

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from jupyter_cache.cache.main import JupyterCacheBase
from myst_nb.core.read import read_myst_markdown_notebook

from annbook.datasets import WAVEFORM_NAMES

ROOT = Path(__file__).parents[1]
spec = importlib.util.spec_from_file_location("annbook_docs_conf", ROOT / "docs" / "conf.py")
conf = importlib.util.module_from_spec(spec)
spec.loader.exec_module(conf)

CHAPTER = (ROOT / "docs" / "cnn-mnist.md").read_text()


@pytest.fixture
def tree(tmp_path):
    """A copy of the parts of the project the fingerprint reads."""
    shutil.copytree(ROOT / "src" / "annbook", tmp_path / "src" / "annbook")
    shutil.copytree(ROOT / "docs" / "_kernels", tmp_path / "docs" / "_kernels")
    return tmp_path


def cache_key(chapter_text: str, fingerprint: str, monkeypatch) -> str:
    monkeypatch.setattr(conf, "FINGERPRINT", fingerprint)
    source = [chapter_text]
    conf._prepare_notebook(None, "chapter", source)
    notebook = read_myst_markdown_notebook(source[0])
    _, key = JupyterCacheBase.create_hashed_notebook(None, notebook)
    return key


def test_fingerprint_is_stable(tree):
    assert conf.execution_fingerprint(tree) == conf.execution_fingerprint(tree)
    assert conf.execution_fingerprint(tree) == conf.execution_fingerprint(ROOT)


def test_editing_a_builder_changes_the_fingerprint(tree):
    before = conf.execution_fingerprint(tree)
    builder = tree / "src" / "annbook" / "models" / "conv.py"
    builder.write_text(builder.read_text().replace('activation="relu"', 'activation="tanh"', 1))
    assert conf.execution_fingerprint(tree) != before


def test_editing_the_kernel_changes_the_fingerprint(tree):
    before = conf.execution_fingerprint(tree)
    kernel = next((tree / "docs" / "_kernels").rglob("kernel.json"))
    kernel.write_text(kernel.read_text().replace('"1"', '"0"'))
    assert conf.execution_fingerprint(tree) != before


def test_a_new_tensorflow_changes_the_fingerprint(tree, monkeypatch):
    before = conf.execution_fingerprint(tree)
    real = version

    def newer(name):
        return "99.0" if name == "tensorflow" else real(name)

    monkeypatch.setattr(conf, "installed_version", newer)
    assert conf.execution_fingerprint(tree) != before


def test_a_new_fingerprint_changes_the_chapter_cache_key(monkeypatch):
    assert cache_key(CHAPTER, "a" * 64, monkeypatch) != cache_key(CHAPTER, "b" * 64, monkeypatch)


def test_a_prose_edit_keeps_the_chapter_cache_key(monkeypatch):
    edited = CHAPTER.replace("## Setup", "## Setup\n\nA new sentence of prose.", 1)
    assert edited != CHAPTER
    assert cache_key(CHAPTER, "a" * 64, monkeypatch) == cache_key(edited, "a" * 64, monkeypatch)


def test_a_code_edit_changes_the_chapter_cache_key(monkeypatch):
    edited = CHAPTER.replace("set_seed(3)\nmodel = build_cnn()", "set_seed(4)\nmodel = build_cnn()")
    assert edited != CHAPTER
    assert cache_key(CHAPTER, "a" * 64, monkeypatch) != cache_key(edited, "a" * 64, monkeypatch)


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
def book(tree):
    """A one-chapter book built with the real conf.py, kernel and a copy of annbook."""
    docs = tree / "docs"
    shutil.copy(ROOT / "docs" / "conf.py", docs)
    shutil.copy(ROOT / "docs" / "references.bib", docs)
    shutil.copytree(ROOT / "docs" / "_static", docs / "_static")
    (docs / "index.md").write_text("# Book\n\n```{toctree}\nchapter\n```\n")
    (docs / "chapter.md").write_text(STALE_CHAPTER)
    return tree


def build(tree: Path) -> tuple[str, str]:
    """Build the book in a fresh Sphinx process; return what the chapter shows."""
    env = {**os.environ, "PYTHONPATH": str(tree / "src")}
    env.pop("ANNBOOK_EXECUTION_CACHE", None)
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-W", "-b", "html", "docs", "docs/_build/html"],
        cwd=tree,
        env=env,
        check=True,
    )
    return SHOWN.search((tree / "docs/_build/html/chapter.html").read_text()).groups()


@pytest.mark.slow
def test_a_builder_edit_reexecutes_and_a_prose_edit_does_not(book):
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
