"""Each chapter's key changes when what its outputs depend on changes, and only then.

jupyter-cache keys a chapter on its code cells and kernelspec. The book's
Sphinx extension (``annbook_book``) puts a key of everything else the
chapter depends on in its kernelspec (:mod:`annbook_book.execution.keys`):
the code of the annbook modules it reaches (docstrings and comments left
out), the data files they name, the book's kernel and the versions of
annbook's requirements. These tests follow chapters to their keys, on a
planted package and on annbook itself; ``test_rebuilds.py`` builds a small
book to see the keys at work.
"""

import ast
import re
import shutil
from importlib.metadata import version

import pytest

from annbook_book import layout
from annbook_book.edits import edit_docstrings, edit_function_body
from annbook_book.execution import keys as execution
from annbook_book.kernel import KERNELS

from ..books import chapter, edit, write

ROOT = layout.ROOT


# A planted package with each way of reaching a module.
PLANTED = {
    "__init__.py": '"""Planted."""\n',
    "models/__init__.py": """\
        from annbook.models.conv import build_cnn
        from annbook.models.recurrent import build_lstm
        """,
    "models/conv.py": """\
        from annbook._validation import check


        def build_cnn():
            \"\"\"Build.\"\"\"
            return check("cnn")
        """,
    "models/recurrent.py": """\
        from annbook._numerics import stable


        def build_lstm():
            return stable("lstm")


        def _registered():
            return "table"


        TABLE = {"lstm": _registered}
        """,
    "_validation.py": "def check(value):\n    return value\n",
    "_numerics.py": "def stable(value):\n    return value\n",
    "lazy.py": """\
        def helper():
            from annbook._deep import value

            return value()
        """,
    "_deep.py": "def value():\n    return 1\n",
    "unused.py": "def nothing():\n    return 0\n",
    "datasets.py": """\
        from importlib import resources

        CHECKSUMS = {"named.csv": "0" * 64}


        def load():
            return (resources.files("annbook") / "data" / "named.csv").read_text()
        """,
    "data/named.csv": "x\n1\n",
    "data/unnamed.csv": "x\n2\n",
}
CHAPTERS = {
    "models": chapter("from annbook.models import build_cnn\n\nbuild_cnn()"),
    "lazy": chapter("import annbook.lazy as lazy", "lazy.helper()"),
    "data": chapter("%matplotlib inline\nfrom annbook.datasets import load\n\nload()"),
}


@pytest.fixture
def planted(tmp_path):
    """A planted annbook package and the book's kernel; returns a function of the chapter keys."""
    package = tmp_path / "annbook"
    write(package, PLANTED)
    shutil.copytree(KERNELS, tmp_path / KERNELS.name)

    def keys() -> dict[str, str]:
        maker = execution.ChapterKeys(package, tmp_path / KERNELS.name)
        return {name: maker.key(text) for name, text in CHAPTERS.items()}

    keys.package = package
    return keys


def changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {name for name in before if before[name] != after[name]}


def test_keys_are_stable(planted):
    assert planted() == planted()
    assert len(set(planted().values())) == len(CHAPTERS)


def test_docstrings_comments_and_formatting_change_no_key(planted):
    before = planted()
    for path in planted.package.rglob("*.py"):
        text = path.read_text()
        if '"""' in text:
            text = edit_docstrings(text)
        path.write_text(f"# A comment.\n\n{text.replace('return ', 'return  ')}\n\n")
    assert changed(before, planted()) == set()


def test_an_edit_to_a_module_no_chapter_imports_changes_no_key(planted):
    before = planted()
    edit(planted.package / "unused.py", "return 0", "return 1")
    assert changed(before, planted()) == set()


def test_an_edit_to_a_module_one_chapter_uses_changes_its_key_only(planted):
    before = planted()
    edit(planted.package / "_validation.py", "return value", "return value * 2")
    assert changed(before, planted()) == {"models"}


def test_a_module_reached_only_through_anothers_import_counts(planted):
    # lazy.py imports _deep inside a function, which the chapter calls.
    before = planted()
    edit(planted.package / "_deep.py", "return 1", "return 2")
    assert changed(before, planted()) == {"lazy"}


def test_a_module_run_only_on_import_counts_by_what_runs_then(planted):
    # `from annbook.models import build_cnn` runs models/recurrent.py on import:
    # its function bodies do not run, its module-level code does, and so does
    # the body of a function it stores in a table.
    recurrent = planted.package / "models" / "recurrent.py"
    numerics = planted.package / "_numerics.py"
    before = planted()
    recurrent.write_text(edit_function_body(recurrent.read_text(), "build_lstm"))
    edit(numerics, "return value", "return -value")  # reached through build_lstm's body only
    assert changed(before, planted()) == set()
    edit(recurrent, 'return "table"', 'return "chair"')
    assert changed(before, planted()) == {"models"}
    before = planted()
    edit(recurrent, 'TABLE = {"lstm"', 'TABLE = {"LSTM"')
    assert changed(before, planted()) == {"models"}


def test_a_data_file_counts_where_a_reached_module_names_it(planted):
    before = planted()
    (planted.package / "data" / "unnamed.csv").write_text("x\n3\n")
    assert changed(before, planted()) == set()
    (planted.package / "data" / "named.csv").write_text("x\n3\n")
    assert changed(before, planted()) == {"data"}


def test_a_cell_that_does_not_parse_depends_on_everything(planted):
    keys = execution.ChapterKeys(planted.package, planted.package.parent / KERNELS.name)
    reached = keys.reached(chapter("import annbook.lazy\nprint('unclosed'"))
    assert set(reached.modules) == set(keys.package.modules)
    assert all(reached.modules.values())


def test_editing_the_kernel_changes_every_key(planted):
    before = planted()
    kernel = planted.package.parent / KERNELS.name / "kernels" / "annbook" / "kernel.json"
    edit(kernel, '"1"', '"0"')
    assert changed(before, planted()) == set(CHAPTERS)


@pytest.mark.parametrize("package", execution.fingerprinted_packages())
def test_a_new_version_of_a_dependency_changes_every_key(planted, monkeypatch, package):
    before = planted()

    def newer(name):
        return "99.0" if name == package else version(name)

    monkeypatch.setattr(execution, "installed_version", newer)
    assert changed(before, planted()) == set(CHAPTERS)


def test_the_fingerprinted_packages_are_annbooks_requirements():
    assert sorted(execution.fingerprinted_packages()) == [
        "keras",
        "matplotlib",
        "numpy",
        "tensorflow",
    ]


def test_parallel_readers_share_the_chapters_to_execute_evenly():
    from sphinx.util.parallel import make_chunks  # noqa: PLC0415

    pages = [f"api/generated/annbook.page{number:02}" for number in range(40)]
    costs = {"ann": 60, "cnn": 250, "cnn-mnist": 300, "dnn": 200, "lstm": 100, "rnn": 90}
    docnames = sorted([*pages, *costs])
    spread = execution.spread(docnames, costs, processes=4)
    assert sorted(spread) == docnames
    loads = [sum(costs.get(name, 0) for name in chunk) for chunk in make_chunks(spread, 4)]
    assert max(loads) == max(costs.values())  # the longest chapter alone: as even as can be
    naive = [sum(costs.get(name, 0) for name in chunk) for chunk in make_chunks(docnames, 4)]
    # in name order, the five chapters after the pages share the last chunk
    assert max(naive) == sum(costs.values()) - costs["ann"]


# -- On annbook itself and the book's chapters -------------------------------


@pytest.fixture
def book_keys(annbook_copy, tmp_path):
    """A copy of annbook and the kernel; returns a function of the book's chapters' keys."""
    kernels = shutil.copytree(KERNELS, tmp_path / KERNELS.name)
    texts = {path.stem: path.read_text("utf-8") for path in layout.chapters()}

    def keys() -> dict[str, str]:
        maker = execution.ChapterKeys(annbook_copy, kernels)
        return {name: maker.key(text) for name, text in texts.items()}

    keys.package, keys.texts = annbook_copy, texts
    return keys


def test_docstring_edits_across_annbook_change_no_chapters_key(book_keys):
    before = book_keys()
    for path in book_keys.package.rglob("*.py"):
        path.write_text(edit_docstrings(path.read_text()))
    assert changed(before, book_keys()) == set()


def test_a_builder_edit_changes_the_keys_of_the_chapters_that_build_with_it(book_keys):
    recurrent = book_keys.package / "models" / "recurrent.py"
    functions = [
        node.name for node in ast.parse(recurrent.read_text()).body
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")
    ]  # fmt: skip
    calling = {
        name
        for name, text in book_keys.texts.items()
        if any(
            re.search(rf"\b{function}\b", "\n".join(execution.code_cells(text)))
            for function in functions
        )
    }
    before = book_keys()
    recurrent.write_text(edit_function_body(recurrent.read_text(), "_build_recurrent"))
    assert changed(before, book_keys()) == calling
    assert calling, "no chapter builds a recurrent network any more; pick another module"


def test_annbook_imports_no_module_by_a_computed_name():
    # What the dependency analysis cannot follow (see annbook_book.execution.dependencies).
    for path in (ROOT / "src" / "annbook").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Name):
                assert node.id not in {"__import__", "globals", "import_module"}, path
            if isinstance(node, ast.Attribute):
                assert node.attr != "import_module", path
