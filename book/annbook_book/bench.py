"""Measure annbook's build, test and training budgets on a copy of the project; write a report.

Run with ``nox -s bench`` (it installs the docs and test dependencies into
its own environment first, so installation is not timed), which runs
``python -m annbook_book bench``. It builds as ``nox -s docs`` does, with
``python -m annbook_book build``: both editions and the site and search
checks, each Sphinx build with ``-j auto`` (``nox -s bench -- --jobs 1``
builds one chapter at a time).

Everything is measured on a copy: the project's tracked files as they are in
the working tree (uncommitted edits included, untracked files left out), in
a temporary folder with its own build folder and execution cache. The
benchmark edits only that copy; it never edits a tracked file and never
touches the author's ``docs/_build`` or execution cache, and the copy is
deleted on exit, also on Ctrl-C or SIGTERM. Steps:

1. the test suite (``pytest``), in the copy before the builds edit it; a
   failure is reported with its output, and the measures are still taken;
2. builds, each ``python -m annbook_book build`` (what ``nox -s docs``
   runs) timed whole from its start to its end (both editions and the
   checks, what a reader of the README waits for; nox's own start is not
   counted), with the chapters that executed (new records in the copy's
   jupyter-cache) and the time of each step: cold (and its
   Korean edition as a row of its own); no change; a prose edit of one chapter;
   docstrings and comments edited in every module of annbook; a code edit of
   a helper of ``annbook.models.recurrent`` (only the chapters that call a
   builder that calls it may execute); a code edit of one chapter (the quickest to execute: only it);
3. execution time per chapter, from the cold build's cache records;
4. training throughput of the lecture CNN in the book's settings (batch 200),
   against the machine's float32 matrix-multiply rate and the CNN's FLOPs
   per image, counted from its layers (:func:`multiply_adds`).

The report lands in ``docs/_build/bench/report.json`` and ``report.md``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from annbook_book import layout as project
from annbook_book.edits import edit_docstrings, edit_function_body, public_callers

OUT = project.BUILD / "bench"
#: The module whose code the benchmark edits, and the function in it.
RECURRENT = ("src/annbook/models/recurrent.py", "_build_recurrent")

BUDGETS = {  # seconds, on the 2-core reference machine
    "cold build": 420,
    "ko edition": 60,
    "no change": 8,
    "prose of one chapter": 15,
    "docstrings and comments in every module": 20,
    "any chapter": 240,
    "tests": 90,
}


@contextmanager
def project_copy(root: Path = project.ROOT) -> Iterator[Path]:
    """Yield a temporary copy of ``root``'s tracked files as they are now; delete it on exit.

    SIGTERM is turned into ``SystemExit`` meanwhile, so that the copy is
    deleted then too (Ctrl-C already raises ``KeyboardInterrupt``).
    """
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=root, check=True, capture_output=True
    ).stdout.decode()
    previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        with tempfile.TemporaryDirectory(prefix="annbook-bench-") as folder:
            copy = Path(folder) / root.name
            for name in filter(None, listed.split("\0")):
                source = root / name
                if source.is_file():  # a tracked file deleted in the working tree is left out
                    (copy / name).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(source, copy / name)
            yield copy
    finally:
        signal.signal(signal.SIGTERM, previous)


def _exit_on_sigterm(signum, frame) -> None:  # noqa: ARG001
    raise SystemExit(128 + signum)


def copy_environment(copy: Path) -> dict[str, str]:
    """Return the environment that builds and tests the copy, with its own annbook and cache."""
    return {
        **os.environ,
        # The copy's annbook and book machinery, not those installed from the project.
        "PYTHONPATH": os.pathsep.join(
            [str(copy / "src"), str(copy / "book"), *filter(None, [os.environ.get("PYTHONPATH")])]
        ),
        "ANNBOOK_EXECUTION_CACHE": str(copy / "docs" / "_build" / ".jupyter_cache"),
    }


@dataclass
class Row:
    """One build of the benchmark: what changed, how long it took, which chapters executed."""

    change: str
    seconds: float
    executed: list[str]
    expected: list[str]
    budget: float | None = None
    #: Seconds of each step of the build (preflight, each edition, each check).
    steps: dict[str, float] = field(default_factory=dict)

    @property
    def met(self) -> bool:
        """Whether exactly the expected chapters executed, within the budget if there is one."""
        in_time = self.budget is None or self.seconds <= self.budget
        return in_time and self.executed == self.expected


@dataclass
class Book:
    """The copy being benchmarked, its build processes, and its chapters' execution seconds."""

    copy: Path
    jobs: str = project.SPHINX_PARALLEL[1]
    seconds: dict[str, float] = field(default_factory=dict)

    def build(self, change: str, expected: list[str]) -> list[Row]:
        """Build the copy as ``nox -s docs`` does; return the row of ``change``.

        A cold build also returns the row of each translated edition, which
        must execute nothing.
        """
        report = self.copy / "docs" / project.BUILD_FOLDER / "bench" / "build.json"
        report.parent.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, "-m", "annbook_book", "build", "--docs", str(self.copy / "docs"),
                   "--report", str(report), "-q", "-j", self.jobs]  # fmt: skip
        start = time.perf_counter()
        run = subprocess.run(
            command, cwd=self.copy, env=copy_environment(self.copy), capture_output=True,
            text=True, check=False,
        )  # fmt: skip
        seconds = round(time.perf_counter() - start, 1)
        if run.returncode:
            print(run.stdout[-5000:], run.stderr[-3000:], sep="\n", file=sys.stderr)
            msg = f"the build after {change!r} failed (exit status {run.returncode})"
            raise RuntimeError(msg)
        result = json.loads(report.read_text())
        executed = {name: run for runs in result["executed"].values() for name, run in runs.items()}
        self.seconds.update(executed)
        rows = [Row(change, seconds, sorted(executed), sorted(expected), BUDGETS.get(change),
                    dict(result["seconds"]))]  # fmt: skip
        if change == "cold build":
            rows += [
                Row(f"{language} edition", result["seconds"][language],
                    sorted(result["executed"][language]), [], BUDGETS.get(f"{language} edition"))
                for language in result["executed"] if language != "en"
            ]  # fmt: skip
        for row in rows:
            print(f"{row.change}: {row.seconds:.1f} s ({row.steps or ''}), executed: "
                  f"{', '.join(row.executed) or 'none'}", file=sys.stderr, flush=True)  # fmt: skip
        return rows


#: The sentence the benchmark adds to a chapter, and its translation in each
#: translated edition's catalog.
PROSE_EDIT = "A benchmark's prose edit."
PROSE_EDIT_TRANSLATED = {"ko": "벤치마크가 더한 문장이다."}


def add_prose(text: str) -> str:
    """Return a chapter's text with a sentence after its title.

    Examples
    --------
    >>> print(add_prose("# Title\\n\\nText.\\n"), end="")
    # Title
    <BLANKLINE>
    A benchmark's prose edit.
    <BLANKLINE>
    Text.
    """
    edited, count = re.subn(
        r"^# .*\n", lambda title: f"{title[0]}\n{PROSE_EDIT}\n", text, count=1,
        flags=re.MULTILINE,
    )  # fmt: skip
    if not count:
        msg = "the chapter has no title to put a sentence under"
        raise ValueError(msg)
    return edited


def add_code_cell(text: str) -> str:
    """Return a chapter's text with a code cell at its end.

    Examples
    --------
    >>> add_code_cell("# Title\\n").endswith("```{code-cell} ipython3\\n1 + 1\\n```\\n")
    True
    """
    return f"{text.rstrip()}\n\n```{{code-cell}} ipython3\n1 + 1\n```\n"


def chapters_calling(copy: Path, module: str, function: str) -> list[str]:
    """Return the chapters whose code cells call ``function`` of ``module`` (in ``copy``).

    A chapter calls it through a public function of the module that calls it
    (:func:`~annbook_book.edits.public_callers`).
    """
    from myst_nb.core.read import read_myst_markdown_notebook  # noqa: PLC0415

    names = public_callers((copy / module).read_text("utf-8"), function)
    calling = []
    for chapter in project.chapters(copy / "docs"):
        cells = read_myst_markdown_notebook(chapter.read_text("utf-8")).cells
        code = "\n".join(cell.source for cell in cells if cell.cell_type == "code")
        if any(re.search(rf"\b{name}\b", code) for name in names):
            calling.append(chapter.stem)
    return calling


def build_rows(book: Book, recurrent: tuple[str, str] = RECURRENT) -> list[Row]:
    """Build the copy cold, then after each edit; return the rows, edits left in place."""
    docs = book.copy / "docs"
    chapters = [path.stem for path in project.chapters(docs)]
    rows = book.build("cold build", chapters)
    rows += book.build("no change", [])

    prose = docs / f"{chapters[0]}.md"
    prose.write_text(add_prose(prose.read_text("utf-8")), "utf-8")
    # As a contributor does, with its translation: a translated build fails
    # on an English sentence its catalog lacks.
    for language in project.TRANSLATIONS:
        catalog = project.catalog(language, chapters[0], docs)
        if catalog.is_file():
            with catalog.open("a", encoding="utf-8") as file:
                translated = PROSE_EDIT_TRANSLATED[language]
                file.write(f'\nmsgid "{PROSE_EDIT}"\nmsgstr "{translated}"\n')
    rows += book.build("prose of one chapter", [])

    for module in (book.copy / "src" / "annbook").rglob("*.py"):
        module.write_text(edit_docstrings(module.read_text("utf-8")), "utf-8")
    rows += book.build("docstrings and comments in every module", [])

    module, function = recurrent
    path = book.copy / module
    path.write_text(edit_function_body(path.read_text("utf-8"), function), "utf-8")
    name = ".".join(Path(module).with_suffix("").parts[1:])
    rows += book.build(f"code of {name}", chapters_calling(book.copy, module, function))

    quickest = min(chapters, key=lambda chapter: book.seconds.get(chapter, math.inf))
    path = docs / f"{quickest}.md"
    path.write_text(add_code_cell(path.read_text("utf-8")), "utf-8")
    rows += book.build(f"code of one chapter ({quickest})", [quickest])
    return rows


def multiply_adds(model) -> int:
    """Return the multiply-adds of one forward pass of ``model`` on one example.

    Counted are those of its convolution and dense layers, from their kernel
    sizes and input and output shapes: each output value of a convolution
    takes one multiply-add per kernel weight that reaches it (kernel area
    times input channels, over groups), each output of a dense layer one per
    input feature. Biases, activations and pooling are not counted. A layer
    with weights of another kind raises ``ValueError``, rather than being
    counted as free.

    Examples
    --------
    >>> import keras
    >>> model = keras.Sequential([keras.Input((4, 4, 1)), keras.layers.Conv2D(2, 3),
    ...                           keras.layers.Flatten(), keras.layers.Dense(3)])
    >>> multiply_adds(model)  # 2·2·2 outputs × 3·3·1, then 8 inputs × 3 units
    96
    """
    import keras  # noqa: PLC0415

    total = 0
    for layer in model.layers:
        if isinstance(layer, keras.layers.Dense):
            total += math.prod(layer.output.shape[1:]) * layer.input.shape[-1]
        elif isinstance(layer, keras.layers.Conv1D | keras.layers.Conv2D | keras.layers.Conv3D):
            per_output = math.prod(layer.kernel_size) * layer.input.shape[-1] // layer.groups
            total += math.prod(layer.output.shape[1:]) * per_output
        elif layer.weights:
            msg = f"cannot count the multiply-adds of layer {layer.name!r} ({type(layer).__name__})"
            raise ValueError(msg)
    return total


def cnn_throughput() -> dict[str, float]:
    """Return the lecture CNN's training rate against the machine's matrix-multiply rate."""
    import keras  # noqa: PLC0415
    import numpy as np  # noqa: PLC0415
    import tensorflow as tf  # noqa: PLC0415

    from annbook.datasets import load_mnist  # noqa: PLC0415
    from annbook.models import build_cnn  # noqa: PLC0415
    from annbook.training import set_seed  # noqa: PLC0415

    a = tf.constant(np.random.default_rng(0).random((2048, 2048), dtype=np.float32))
    (a @ a).numpy()
    start = time.perf_counter()
    for _ in range(10):
        (a @ a).numpy()
    gflops = 10 * 2 * 2048**3 / (time.perf_counter() - start) / 1e9
    (x, y), _ = load_mnist()
    x = x[:20000, ..., None].astype("float32") / 255
    y = keras.utils.to_categorical(y[:20000], 10)
    set_seed(3)
    model = build_cnn()
    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
    model.fit(x[:2000], y[:2000], batch_size=200, epochs=1, verbose=0)  # trace first
    start = time.perf_counter()
    model.fit(x, y, batch_size=200, epochs=1, verbose=0)
    rate = len(x) / (time.perf_counter() - start)
    # 2 FLOPs per multiply-add forward, and a backward pass of about twice that
    train = 3 * 2 * multiply_adds(model)
    measured = {
        "matmul_gflops": gflops,
        "images_per_second": rate,
        "train_flops_per_image": train,
        "fraction_of_machine": rate * train / (gflops * 1e9),
    }
    return {k: round(v, 3) for k, v in measured.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--jobs",
        default=project.SPHINX_PARALLEL[1],
        help="sphinx-build's -j for every build: a number, or auto",
    )
    args = parser.parse_args(argv)
    report: dict[str, object] = {"cpus": os.cpu_count(), "jobs": args.jobs}
    with project_copy() as copy:
        # The tests first, on the copy as committed: the builds edit it.
        start = time.perf_counter()
        result = subprocess.run(  # as `nox -s tests` runs them (on every core: pyproject.toml)
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
            cwd=copy, env=copy_environment(copy), check=False, capture_output=True, text=True,
        )  # fmt: skip
        tests = round(time.perf_counter() - start, 1)
        if result.returncode:
            print(result.stdout[-5000:], result.stderr[-2000:], sep="\n", file=sys.stderr)
        book = Book(copy, args.jobs)
        rows = build_rows(book)
        chapters = dict(book.seconds)
    slowest = max(chapters.values())
    report["builds"] = [row.__dict__ | {"met": row.met} for row in rows]
    report["chapters"] = chapters
    report["seconds"] = {"any chapter": slowest, "tests": tests}
    report["tests_passed"] = result.returncode == 0
    report["budgets"] = BUDGETS
    report["cnn_training"] = cnn_throughput()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "report.json").write_text(json.dumps(report, indent=2) + "\n")
    lines = [
        "| change | seconds | budget | chapters executed | expected | met |",
        "| --- | ---: | ---: | --- | --- | --- |",
    ]
    lines += [
        f"| {row.change} | {row.seconds:.1f} | {row.budget or '—'} | "
        f"{', '.join(row.executed) or 'none'} | {', '.join(row.expected) or 'none'} | "
        f"{'yes' if row.met else 'NO'} |"
        for row in rows
    ]
    others = report["seconds"]
    lines += ["", "| measure | seconds | budget | met |", "| --- | ---: | ---: | --- |"]
    lines += [
        f"| {k} | {v:.1f} | {BUDGETS[k]} | {'yes' if v <= BUDGETS[k] else 'NO'} |"
        for k, v in others.items()
    ]
    lines += ["", "| chapter | execution seconds |", "| --- | ---: |"]
    lines += [f"| {k} | {v} |" for k, v in chapters.items()]
    lines += ["", "| CNN training | value |", "| --- | ---: |"]
    lines += [f"| {k} | {v} |" for k, v in report["cnn_training"].items()]
    (OUT / "report.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    if result.returncode:
        lines += ["", "The tests FAILED (their output is above)."]
        print(lines[-1])
    met = all(row.met for row in rows) and all(v <= BUDGETS[k] for k, v in others.items())
    met = met and result.returncode == 0
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
