"""The chapters' code, read and run outside the book.

- Every ``annbook`` name a chapter imports or uses exists in the package.
- Chapter code uses no IPython magics or shell escapes.
- Every chapter, converted to a plain script with jupytext, runs with
  ``python`` in the fast profile (see ``annbook_book/reader/fast_profile.py``), in two groups
  that run side by side under pytest-xdist. A new chapter joins a group by
  itself.
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

import annbook_book.reader
from annbook_book.layout import DOCS, chapters

CHAPTERS = chapters()
#: The fast profile, run as a script (see its docstring).
FAST_PROFILE = Path(annbook_book.reader.__file__).with_name("fast_profile.py")


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


#: Seconds each chapter's script took in the fast profile on the 2-core
#: reference machine, less the 5 s of importing TensorFlow. Only the balance
#: of the two groups below depends on them; a chapter missing here counts as
#: the mean of the others, so a new chapter needs no entry to be run.
FAST_PROFILE_SECONDS = {"dnn": 26, "cnn": 13, "lstm": 12, "rnn": 6, "cnn-mnist": 6, "ann": 3}


def script_groups(names: list[str], groups: int = 2) -> list[tuple[str, ...]]:
    """Split chapters into groups of about equal fast-profile time, longest first.

    Each group runs in one process, importing TensorFlow once; pytest-xdist's
    two workers run the groups side by side.
    """
    default = sum(FAST_PROFILE_SECONDS.values()) / len(FAST_PROFILE_SECONDS)
    seconds = {name: FAST_PROFILE_SECONDS.get(name, default) for name in names}
    split: list[list[str]] = [[] for _ in range(groups)]
    for name in sorted(names, key=lambda name: (-seconds[name], name)):
        min(split, key=lambda group: sum(seconds[n] for n in group)).append(name)
    return [tuple(group) for group in split if group]


#: Chapters that split TensorFlow's devices (logical CPUs for tf.distribute)
#: must do it before TensorFlow initialises them, which an earlier chapter
#: in the same process would have done: each runs in a process of its own.
OWN_PROCESS = [
    chapter.stem
    for chapter in CHAPTERS
    if "set_logical_device_configuration" in chapter.read_text()
]
SCRIPT_GROUPS = script_groups(
    [chapter.stem for chapter in CHAPTERS if chapter.stem not in OWN_PROCESS]
) + [(name,) for name in OWN_PROCESS]


def test_script_groups_run_every_chapter_once_in_balanced_groups():
    assert sorted(name for group in SCRIPT_GROUPS for name in group) == sorted(
        chapter.stem for chapter in CHAPTERS
    )
    assert script_groups(["a", "b", "c"]) == [("a", "c"), ("b",)]  # unknown: equal, by name
    assert script_groups(["dnn", "cnn", "lstm", "rnn"]) == [("dnn",), ("cnn", "lstm", "rnn")]


@pytest.mark.slow
@pytest.mark.parametrize("group", SCRIPT_GROUPS, ids="+".join)
def test_chapters_run_as_plain_scripts_in_the_fast_profile(group, tmp_path):
    scripts = []
    for name in group:
        script = tmp_path / f"{name}.py"
        jupytext.write(jupytext.read(DOCS / f"{name}.md"), script, fmt="py:percent")
        scripts.append(str(script))
    result = subprocess.run(
        [sys.executable, str(FAST_PROFILE), *scripts],
        env={**os.environ, "ANNBOOK_FAST": "1", "MPLBACKEND": "Agg"},
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-1000:] + result.stderr[-3000:]
    # Each script's header line, in order (a chapter may print "==" itself: code, say).
    headers = [line for line in result.stdout.splitlines() if line.startswith("== /")]
    assert headers == [f"== {script}" for script in scripts]
