"""The chapters' code, read outside the book.

- Every ``annbook`` name a chapter imports or uses exists in the package.
- Chapter code uses no IPython magics or shell escapes: plain Python.

That every chapter runs outside the book, in the fast profile, is checked
by ``nox -s reader`` (:mod:`annbook_book.reader`, which CI runs after the
book's build) on the notebooks the book offers for download.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import jupytext
import pytest

from annbook_book.layout import chapters

CHAPTERS = chapters()


def code_cells(chapter: Path) -> list[str]:
    notebook = jupytext.read(chapter)
    return [cell.source for cell in notebook.cells if cell.cell_type == "code"]


def annbook_names(source: str) -> set[str]:
    """Dotted annbook names a piece of code imports or refers to."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("annbook"):
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            names |= {a.name for a in node.names if a.name.startswith("annbook")}
        elif isinstance(node, ast.Attribute):
            parts, value = [node.attr], node.value
            while isinstance(value, ast.Attribute):
                parts.append(value.attr)
                value = value.value
            if isinstance(value, ast.Name) and value.id == "annbook":
                names.add(".".join(["annbook", *reversed(parts)]))
    return names


def resolve(dotted: str) -> object:
    parts = dotted.split(".")
    for split in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:split]))
        except ModuleNotFoundError:
            continue
        for attr in parts[split:]:
            obj = getattr(obj, attr)
        return obj
    raise ModuleNotFoundError(dotted)


def test_there_are_chapters():
    assert len(CHAPTERS) >= 1


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda path: path.stem)
def test_every_annbook_name_a_chapter_uses_exists(chapter):
    names = set().union(*(annbook_names(source) for source in code_cells(chapter)))
    assert names, f"{chapter.name} uses no annbook name"
    missing = []
    for name in sorted(names):
        try:
            resolve(name)
        except (AttributeError, ModuleNotFoundError):
            missing.append(name)
    assert missing == []


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda path: path.stem)
def test_chapter_code_is_plain_python(chapter):
    for source in code_cells(chapter):
        for line in source.splitlines():
            assert not line.lstrip().startswith(("%", "!")), line
        ast.parse(source)  # no IPython-only syntax
