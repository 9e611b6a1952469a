"""A chapter executes again when what its outputs depend on changes, and only then.

jupyter-cache keys a chapter on its code cells and kernelspec. The book's
Sphinx extension (``annbook_book``) puts a key of everything else the
chapter depends on in its kernelspec: the code of the annbook modules it
reaches (docstrings and comments left out), the data files they name, the
book's kernel and the versions of annbook's requirements. The quick tests
follow chapters to their keys, on a planted package and on annbook itself;
the slow one builds a small book with the real conf.py and extension.
"""

import ast
import re
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from jupyter_cache import get_cache

from annbook_book import layout
from annbook_book.build import STAMP
from annbook_book.edits import edit_docstrings, edit_function_body, public_callers
from annbook_book.execution import keys as execution
from annbook_book.kernel import KERNELS

from .books import book_environment, chapter, small_book, write

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


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{path.name} lacks {old!r}"
    path.write_text(text.replace(old, new, 1))


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
def annbook_copy(tmp_path):
    """A copy of annbook and the kernel; returns a function of the book's chapters' keys."""
    shutil.copytree(ROOT / "src" / "annbook", tmp_path / "annbook")
    shutil.copytree(KERNELS, tmp_path / KERNELS.name)
    texts = {path.stem: path.read_text("utf-8") for path in layout.chapters()}

    def keys() -> dict[str, str]:
        maker = execution.ChapterKeys(tmp_path / "annbook", tmp_path / KERNELS.name)
        return {name: maker.key(text) for name, text in texts.items()}

    keys.package, keys.texts = tmp_path / "annbook", texts
    return keys


def test_docstring_edits_across_annbook_change_no_chapters_key(annbook_copy):
    before = annbook_copy()
    for path in annbook_copy.package.rglob("*.py"):
        path.write_text(edit_docstrings(path.read_text()))
    assert changed(before, annbook_copy()) == set()


def test_a_builder_edit_changes_the_keys_of_the_chapters_that_build_with_it(annbook_copy):
    recurrent = annbook_copy.package / "models" / "recurrent.py"
    functions = public_callers(recurrent.read_text(), "_build_recurrent")
    calling = {
        name
        for name, text in annbook_copy.texts.items()
        if any(
            re.search(rf"\b{function}\b", "\n".join(execution.code_cells(text)))
            for function in functions
        )
    }
    before = annbook_copy()
    recurrent.write_text(edit_function_body(recurrent.read_text(), "_build_recurrent"))
    assert changed(before, annbook_copy()) == calling
    assert calling, "no chapter builds a recurrent network any more; pick another module"


GRU = """

def build_gru(*, input_shape=(None, 1), units=8):
    inputs = keras.Input(shape=input_shape)
    outputs = keras.layers.GRU(units, name="gru")(inputs)
    return keras.Model(inputs, keras.layers.Dense(1, name="predictions")(outputs))
"""


def test_a_new_builder_no_chapter_calls_changes_no_chapters_key(annbook_copy):
    # What a contributor adding a builder does (CONTRIBUTING.md, "Add a builder").
    recurrent = annbook_copy.package / "models" / "recurrent.py"
    models = annbook_copy.package / "models" / "__init__.py"
    before = annbook_copy()
    recurrent.write_text(
        recurrent.read_text().replace("__all__ = [", '__all__ = ["build_gru", ') + GRU
    )
    edit(models, "import build_char_lstm,", "import build_char_lstm, build_gru,")
    edit(models, "__all__ = [", '__all__ = [\n    "build_gru",')
    assert changed(before, annbook_copy()) == set()


def test_annbook_imports_no_module_by_a_computed_name():
    # What the dependency analysis cannot follow (see annbook_book.execution.dependencies).
    for path in (ROOT / "src" / "annbook").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Name):
                assert node.id not in {"__import__", "globals", "import_module"}, path
            if isinstance(node, ast.Attribute):
                assert node.attr != "import_module", path


# -- A small book, built with the real conf.py and extension ------------------

BOOK_MODULES = {
    # Chapter one calls one(), which imports _book_deep when called.
    "_book_one.py": '''\
        """Planted for a test."""


        def one():
            """Say what _book_deep says."""
            from annbook._book_deep import deep  # noqa: PLC0415

            return "one-" + deep()
        ''',
    "_book_deep.py": 'def deep():\n    """Say deep."""\n    return "deep"\n',
    "_book_two.py": 'def two():\n    """Say two."""\n    return "two"\n',
    "_book_unused.py": 'def unused():\n    """Say nothing."""\n    return ""\n',
}
BOOK_CHAPTERS = {
    "one": "from annbook._book_one import one",
    "two": "from annbook._book_two import two",
}
SHOWN = re.compile(r"says: (\S+) run: ([0-9a-f]{32})")


@pytest.fixture
def book(tmp_path):
    """A two-chapter book with the real conf.py, extension and kernel, on a copy of annbook."""
    shown = 'import uuid\n\nprint("says:", {}(), "run:", uuid.uuid4().hex)'
    chapters = {
        name: chapter(imports, shown.format(name)) for name, imports in BOOK_CHAPTERS.items()
    }
    return small_book(tmp_path, BOOK_MODULES, chapters)


def build(tree: Path) -> dict[str, tuple[str, ...]]:
    """Build the book in a fresh Sphinx process, on every core; return what each chapter shows.

    Also returned, under "executed" and "read": the chapters that executed
    (new jupyter-cache records) and those Sphinx read (rewrote their doctree).
    """
    env = book_environment(tree)
    build_folder = tree / "docs" / "_build"
    html, doctrees = build_folder / "html", build_folder / "html" / ".doctrees"
    cache = build_folder / ".jupyter_cache"

    def state():
        records = get_cache(cache).list_cache_records() if cache.exists() else []
        return (
            {record.pk: Path(record.uri).stem for record in records},
            {name: (doctrees / f"{name}.doctree").stat().st_mtime_ns
             for name in BOOK_CHAPTERS if (doctrees / f"{name}.doctree").exists()},
        )  # fmt: skip

    (records, doctree_times) = state()
    subprocess.run(
        [sys.executable, "-m", "sphinx", *layout.sphinx_args(html, "-q", "-j", "auto",
                                                               source=tree / "docs")],
        cwd=tree,
        env=env,
        check=True,
    )  # fmt: skip
    (new_records, new_times) = state()
    shown = {name: SHOWN.search((html / f"{name}.html").read_text()).groups()
             for name in BOOK_CHAPTERS}  # fmt: skip
    shown["executed"] = tuple(sorted(new_records[pk] for pk in set(new_records) - set(records)))
    shown["read"] = tuple(
        sorted(name for name in new_times if new_times[name] != doctree_times.get(name))
    )
    return shown


@pytest.mark.slow
def test_a_book_executes_exactly_the_chapters_whose_dependencies_changed(book):
    package = book / "src" / "annbook"
    first = build(book)
    assert first["executed"] == ("one", "two")
    assert (first["one"][0], first["two"][0]) == ("one-deep", "two")

    for name in ("_book_one.py", "_book_deep.py", "_book_two.py"):
        (package / name).write_text(edit_docstrings((package / name).read_text()))
    after_docstrings = build(book)
    assert after_docstrings["executed"] == after_docstrings["read"] == ()
    assert after_docstrings["one"] == first["one"]

    edit(package / "_book_two.py", 'return "two"', 'return "TWO"')
    after_two = build(book)
    assert after_two["executed"] == after_two["read"] == ("two",)
    assert after_two["two"][0] == "TWO"
    assert after_two["one"] == first["one"]

    edit(package / "_book_unused.py", 'return ""', 'return "something"')
    after_unused = build(book)
    assert after_unused["executed"] == after_unused["read"] == ()

    # _book_deep is reached only through the import inside _book_one.one
    edit(package / "_book_deep.py", 'return "deep"', 'return "deeper"')
    after_deep = build(book)
    assert after_deep["executed"] == after_deep["read"] == ("one",)
    assert after_deep["one"][0] == "one-deeper"
    assert after_deep["one"][1] != first["one"][1]  # a new run, shown
    assert after_deep["two"] == after_two["two"]

    # A new function that no chapter calls, re-exported by the package: nothing executes.
    two = package / "_book_two.py"
    two.write_text(two.read_text() + '\n\ndef three():\n    """Say three."""\n    return "three"\n')
    init = package / "__init__.py"
    init.write_text(f"{init.read_text()}\nfrom annbook._book_two import three\n")
    after_new = build(book)
    assert after_new["executed"] == after_new["read"] == ()

    # Chapter one calls it through the package: an edit of it executes chapter one only.
    chapter_one = book / "docs" / "one.md"
    text = chapter_one.read_text().replace("one()", "one() + three()")
    chapter_one.write_text(text.replace("import one", "import one\nfrom annbook import three"))
    build(book)
    edit(two, 'return "three"', 'return "THREE"')
    after_three = build(book)
    assert after_three["executed"] == after_three["read"] == ("one",)
    assert after_three["one"][0] == "one-deeperTHREE"
    assert after_three["two"] == after_two["two"]


# -- Chapters that time themselves execute alone -----------------------------

TIMED = 'import time\n\nstarted = time.time()\ntime.sleep({})\nprint("ran:", started, time.time())'
RAN = re.compile(r"ran: ([\d.]+) ([\d.]+)")


def executed_when(tree: Path, *options: str) -> dict[str, tuple[float, float]]:
    """Build ``tree`` cold with ``-j 2``; return when each chapter's cell started and ended."""
    shutil.rmtree(tree / "docs" / "_build", ignore_errors=True)
    env = book_environment(tree)
    html = tree / "docs" / "_build" / "html"
    args = layout.sphinx_args(html, "-q", "-j", "2", *options, source=tree / "docs")
    subprocess.run([sys.executable, "-m", "sphinx", *args], cwd=tree, env=env, check=True)
    return {
        name: tuple(map(float, RAN.search((html / f"{name}.html").read_text()).groups()))
        for name in ("timed", "other")
    }


@pytest.mark.slow
def test_under_j_a_chapter_that_times_itself_executes_with_no_other_beside_it(tmp_path):
    # (different code: the same code would be one cache record, executed once)
    chapters = {"timed": chapter(TIMED.format(3)), "other": chapter(TIMED.format(2))}
    book = small_book(tmp_path, {}, chapters)
    # Without the setting, Sphinx's two readers execute the two chapters at once.
    together = executed_when(book, "-D", "annbook_execute_alone=")
    assert together["timed"][0] < together["other"][1]
    assert together["other"][0] < together["timed"][1]

    alone = executed_when(book, "-D", "annbook_execute_alone=timed")
    assert alone["timed"][1] < alone["other"][0]  # over before the other started


# -- A build with nothing changed does nothing -------------------------------


def build_book(tree: Path) -> subprocess.CompletedProcess:
    """Run ``python -m annbook_book build`` on the book in ``tree``; return the finished process."""
    return subprocess.run(
        [sys.executable, "-m", "annbook_book", "build", "--docs", str(tree / "docs"), "-q"],
        cwd=tree, env=book_environment(tree), capture_output=True, text=True, check=False,
    )  # fmt: skip


@pytest.mark.slow
def test_a_build_does_nothing_when_nothing_changed_since_one_that_passed(tmp_path):
    tree = small_book(tmp_path, {}, {"one": chapter('print("shown")')})
    page = tree / "docs" / "_build" / "html" / "one.html"
    stamp = tree / "docs" / "_build" / STAMP
    first = build_book(tree)
    assert first.returncode == 0, first.stderr
    assert "nothing changed" not in first.stderr
    written = page.stat().st_mtime_ns

    again = build_book(tree)
    assert again.returncode == 0, again.stderr
    assert "nothing changed since the last build" in again.stderr
    assert page.stat().st_mtime_ns == written

    # A prose edit: the build runs, and writes the page.
    source = tree / "docs" / "one.md"
    source.write_text(source.read_text().replace("Prose.", "Other prose."))
    edited = build_book(tree)
    assert edited.returncode == 0, edited.stderr
    assert "nothing changed" not in edited.stderr
    assert "Other prose." in page.read_text()

    # A build that fails leaves no stamp: the next one runs, though nothing changed since.
    source.write_text(chapter('raise RuntimeError("broken")'))
    assert build_book(tree).returncode != 0
    assert not stamp.exists()
    source.write_text(chapter('print("shown")'))
    assert build_book(tree).returncode == 0
    after_failure = build_book(tree)
    assert after_failure.returncode == 0, after_failure.stderr
    assert "nothing changed since the last build" in after_failure.stderr
