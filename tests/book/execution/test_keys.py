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
from annbook_book.edits import edit_docstrings, edit_function_body, public_callers
from annbook_book.execution import keys as execution
from annbook_book.kernel import KERNELS

from ..books import chapter, edit, write

ROOT = layout.ROOT


# A planted package with each way of reaching a module.
PLANTED = {
    "__init__.py": '"""Planted."""\n',
    "models/__init__.py": """\
        from annbook.models.conv import build_cnn, build_lenet5
        from annbook.models.recurrent import build_lstm

        __all__ = ["build_cnn", "build_lenet5", "build_lstm"]
        """,
    "models/conv.py": """\
        from annbook._validation import check


        def build_cnn():
            \"\"\"Build.\"\"\"
            return _stack(check("cnn"))


        def build_lenet5():
            return check("lenet5")


        def _stack(value):
            return [value]
        """,
    "models/recurrent.py": """\
        from annbook._numerics import stable


        def build_lstm():
            return stable("lstm")


        def _registered():
            return "table"


        TABLE = {"lstm": _registered}
        DEFAULT = TABLE["lstm"]()
        """,
    "_validation.py": "def check(value):\n    return value\n",
    "_numerics.py": "def stable(value):\n    return value\n",
    "lazy.py": """\
        def helper():
            from annbook._deep import value

            return value()


        def other():
            return 0
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

    def keys(chapters: dict[str, str] = CHAPTERS) -> dict[str, str]:
        maker = execution.ChapterKeys(package, tmp_path / KERNELS.name)
        return {name: maker.key(text) for name, text in chapters.items()}

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
    # the body of a function that code calls through a table.
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


def test_a_function_counts_for_the_chapters_that_call_it_also_through_others(planted):
    conv = planted.package / "models" / "conv.py"
    before = planted()
    edit(conv, 'return check("lenet5")', 'return check("LeNet-5")')  # no chapter calls it
    assert changed(before, planted()) == set()
    edit(conv, "return [value]", "return (value,)")  # build_cnn calls _stack
    assert changed(before, planted()) == {"models"}


def test_a_new_function_no_chapter_calls_and_its_reexport_change_no_key(planted):
    recurrent = planted.package / "models" / "recurrent.py"
    models = planted.package / "models" / "__init__.py"
    before = planted()
    recurrent.write_text(recurrent.read_text() + '\n\ndef build_gru():\n    return stable("gru")\n')
    edit(models, "import build_lstm", "import build_gru, build_lstm")
    edit(models, '"build_lstm"]', '"build_lstm", "build_gru"]')
    assert changed(before, planted()) == set()

    # A chapter that calls it depends on it, and on what it calls; no other chapter does.
    chapters = {**CHAPTERS, "gru": chapter("from annbook.models import build_gru\n\nbuild_gru()")}
    before = planted(chapters)
    edit(recurrent, 'stable("gru")', 'stable("GRU")')
    assert changed(before, planted(chapters)) == {"gru"}
    before = planted(chapters)
    edit(planted.package / "_numerics.py", "return value", "return +value")
    assert changed(before, planted(chapters)) == {"gru"}


def test_a_module_held_as_an_object_counts_whole(planted):
    # `import annbook.lazy as lazy` reaches every function of it through `lazy.`.
    before = planted()
    edit(planted.package / "lazy.py", "return 0", "return 1")
    assert changed(before, planted()) == {"lazy"}


def test_a_data_file_counts_where_a_reached_module_names_it(planted):
    before = planted()
    (planted.package / "data" / "unnamed.csv").write_text("x\n3\n")
    assert changed(before, planted()) == set()
    (planted.package / "data" / "named.csv").write_text("x\n3\n")
    assert changed(before, planted()) == {"data"}


def test_a_cell_that_does_not_parse_depends_on_everything(planted):
    keys = execution.ChapterKeys(planted.package, planted.package.parent / KERNELS.name)
    reached = keys.reached(chapter("import annbook.lazy\nprint('unclosed'"))
    package = keys.package
    assert reached.modules == {
        name: tuple(range(len(package.units(name)))) for name in package.modules
        if package.units(name)
    }  # fmt: skip


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
    functions = public_callers(recurrent.read_text(), "_build_recurrent")
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


GRU = """

def build_gru(*, input_shape=(None, 1), units=8):
    inputs = keras.Input(shape=input_shape)
    outputs = keras.layers.GRU(units, name="gru")(inputs)
    return keras.Model(inputs, keras.layers.Dense(1, name="predictions")(outputs))
"""


def test_a_new_builder_no_chapter_calls_changes_no_chapters_key(book_keys):
    # What a contributor adding a builder does (CONTRIBUTING.md, "Add a builder").
    recurrent = book_keys.package / "models" / "recurrent.py"
    models = book_keys.package / "models" / "__init__.py"
    before = book_keys()
    recurrent.write_text(
        recurrent.read_text().replace("__all__ = [", '__all__ = ["build_gru", ') + GRU
    )
    edit(models, "import build_char_lstm,", "import build_char_lstm, build_gru,")
    edit(models, "__all__ = [", '__all__ = [\n    "build_gru",')
    assert changed(before, book_keys()) == set()


def test_annbook_imports_no_module_by_a_computed_name():
    # What the dependency analysis cannot follow (see annbook_book.execution.dependencies).
    for path in (ROOT / "src" / "annbook").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Name):
                assert node.id not in {"__import__", "globals", "import_module"}, path
            if isinstance(node, ast.Attribute):
                assert node.attr != "import_module", path
