"""The chapters' code, read and run outside the book.

- Every ``annbook`` name a chapter imports or uses exists in the package.
- Chapter code uses no IPython magics or shell escapes.
- Every chapter, converted to a plain script with jupytext, runs with
  ``python`` in the fast profile (see ``fast_profile.py``), in two groups
  that run side by side under pytest-xdist.
"""

from __future__ import annotations

import ast
import importlib
import os
import subprocess
import sys
from pathlib import Path

import jupytext
import pytest

DOCS = Path(__file__).parents[1] / "docs"
CHAPTERS = sorted(
    path for path in DOCS.glob("*.md") if "\nkernelspec:" in path.read_text().split("\n---", 1)[0]
)


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


#: Chapters run in two processes, each importing TensorFlow once (8 s here),
#: sized so that pytest-xdist's two workers finish them at about the same time.
SCRIPT_GROUPS = [("dnn", "rnn", "ann"), ("cnn", "lstm", "cnn-mnist")]


def test_every_chapter_is_in_a_script_group():
    grouped = sorted(name for group in SCRIPT_GROUPS for name in group)
    assert grouped == sorted(chapter.stem for chapter in CHAPTERS)


@pytest.mark.slow
@pytest.mark.parametrize("group", SCRIPT_GROUPS, ids="+".join)
def test_chapters_run_as_plain_scripts_in_the_fast_profile(group, tmp_path):
    scripts = []
    for name in group:
        script = tmp_path / f"{name}.py"
        jupytext.write(jupytext.read(DOCS / f"{name}.md"), script, fmt="py:percent")
        scripts.append(str(script))
    result = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("fast_profile.py")), *scripts],
        env={**os.environ, "ANNBOOK_FAST": "1", "MPLBACKEND": "Agg"},
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-1000:] + result.stderr[-3000:]
    assert result.stdout.count("== ") == len(scripts)
