"""The book check: what the built book shows, from the executed notebooks of its chapters.

It runs at the end of every HTML build of the book (the extension connects
it to Sphinx's ``build-finished``) and fails the build, naming chapter and
cell, when:

- a chapter did not execute, or one of its code cells did not run;
- a cell shows an error or writes to stderr;
- a model summary's total parameter count is not the one pinned in
  ``docs/bands.toml``, a summary is not pinned there, or a pinned summary is
  not shown;
- a headline number glued by a chapter is missing or outside its band;
- a claim (a sentence's phrase and a check over glued values, or a
  comparison over seeds) does not hold, or compares two glued values on one
  run without saying why one run decides it, see :mod:`annbook_book.checks.claims`;
- the notebook offered for download lacks the outputs the book shows;
- a chapter has no table in ``docs/bands.toml``, or a table no chapter.

For each chapter it takes the executed notebook the book was rendered from:
the jupyter-cache record that matches the chapter with its key
(:class:`annbook_book.execution.keys.ChapterKeys`).

``python -m annbook_book same-as OTHER_CACHE`` instead compares, chapter by chapter, the text and
numbers this build shows with those of another build's execution cache
(``nox -s repro`` makes two builds from clean caches and runs it).
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from annbook_book import layout as project
from annbook_book.execution.cache import open_cache
from annbook_book.execution.keys import ChapterKeys, executed_notebook, package_folder
from annbook_book.kernel import KERNELS
from annbook_book.publishing.package import is_setup_cell

from .claims import check_claim, describe

# A summary's model parameters are its trainable plus non-trainable ones; its
# "Total params" also counts an optimizer's variables once the model has trained.
SUMMARY = re.compile(
    r'Model: "(?P<name>[^"]+)".*?Trainable params: (?P<trainable>[\d,]+)'
    r".*?Non-trainable params: (?P<frozen>[\d,]+)",
    re.DOTALL,
)
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def output_text(output: dict) -> str:
    """Return the text an output shows, without terminal colours."""
    if output.get("output_type") == "stream":
        text = output.get("text", "")
    else:
        data = output.get("data", {})
        text = data.get("text/plain", "") or data.get("text/html", "")
    return ANSI.sub("", "".join(text) if isinstance(text, list) else text)


def glued_values(notebook: dict) -> dict[str, object]:
    """Return the values a chapter glued, by name: Python literals where they are one."""
    values = {}
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            scrapbook = output.get("metadata", {}).get("scrapbook", {})
            if "name" in scrapbook:
                # myst-nb's glue stores the data under a prefixed MIME type
                data = output.get("data", {})
                text = data.get(scrapbook.get("mime_prefix", "") + "text/plain", "")
                name = scrapbook["name"]
                try:
                    values[name] = ast.literal_eval(text)
                except (ValueError, SyntaxError):
                    values[name] = text
    return values


def check_chapter(name: str, notebook: dict, bands: dict, source: str = "") -> list[str]:
    """Return the problems of one chapter's executed notebook against its table in bands.toml.

    ``source`` is the chapter's Markdown, where the phrases of its claims must be.
    """
    values = glued_values(notebook)
    problems = check_cells(name, notebook, bands.get("summaries", {}))
    problems += check_metrics(name, values, bands.get("metrics", {}))
    for claim in bands.get("claims", []):
        problem = check_claim(name, source, claim, values)
        if problem:
            problems.append(problem)
    return problems


def check_cells(name: str, notebook: dict, pinned: dict[str, int]) -> list[str]:
    """Return cells that did not run, errors, stderr, and model summaries not as pinned."""
    problems = []
    shown = set()
    code_cells = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    for number, cell in enumerate(code_cells, start=1):
        where = f"{name}, code cell {number}"
        if cell.get("execution_count") is None:
            problems.append(f"{where}: did not execute")
        for output in cell.get("outputs", []):
            if output["output_type"] == "error":
                problems.append(f"{where}: error {output.get('ename')}: {output.get('evalue')}")
            elif output["output_type"] == "stream" and output.get("name") == "stderr":
                first = output_text(output).strip().splitlines()[:1]
                problems.append(f"{where}: wrote to stderr: {first}")
        text = "\n".join(output_text(output) for output in cell.get("outputs", []))
        for match in SUMMARY.finditer(text):
            model = match["name"]
            total = sum(int(match[key].replace(",", "")) for key in ("trainable", "frozen"))
            shown.add(model)
            if model not in pinned:
                problems.append(f"{where}: summary of {model!r} ({total:,}) is not pinned")
            elif total != pinned[model]:
                problems.append(
                    f"{where}: summary of {model!r} shows {total:,} parameters, "
                    f"pinned {pinned[model]:,}"
                )
    problems += [
        f"{name}: summary of {model!r} is pinned but not shown"
        for model in sorted(set(pinned) - shown)
    ]
    return problems


def check_metrics(name: str, values: dict[str, object], bands: dict[str, dict]) -> list[str]:
    """Return the glued numbers that are missing or outside their bands."""
    problems = []
    for key, band in bands.items():
        value = values.get(key)
        if not isinstance(value, int | float):
            problems.append(f"{name}: glued number {key!r} is missing or not a number: {value!r}")
            continue
        low, high = band.get("min", float("-inf")), band.get("max", float("inf"))
        if not low <= value <= high:
            problems.append(f"{name}: {key} = {value} is outside its band [{low}, {high}]")
    return problems


def check_download(name: str, notebook: dict, html: Path) -> list[str]:
    """The chapter's downloadable notebook must carry the outputs the book shows."""
    import nbformat  # noqa: PLC0415

    path = html / "_sources" / f"{name}.ipynb"
    if not path.is_file():
        return [f"{name}: no executed notebook to download at {path}"]
    offered = nbformat.read(path, as_version=4)

    def outputs(nb: dict) -> list:
        return [
            cell["outputs"]
            for cell in nb["cells"]
            if cell["cell_type"] == "code" and not is_setup_cell(cell)
        ]

    if outputs(offered) != outputs(notebook):
        return [f"{name}: the notebook offered for download differs from the executed one"]
    if not any(is_setup_cell(cell) for cell in offered["cells"]):
        return [f"{name}: the notebook offered for download does not check annbook's version"]
    return []


def missing_table(name: str, bands_file: Path) -> str:
    """Return the message for a chapter without a table in bands.toml, saying what to add."""
    return (
        f"{name}: no [{name}] table in {bands_file}; add the chapter's pinned model summaries "
        f"([{name}.summaries], model name = total parameters), its headline numbers "
        f"([{name}.metrics], glued name = {{ min = …, max = … }}) and its claims "
        f"([[{name}.claims]]), or an empty [{name}] if it shows none of them"
    )


@dataclass
class BookCheck:
    """What the book check found: its problems, the claims that hold in each chapter, and
    what each comparison rests on (seeds, or the reason one run decides it)."""

    problems: list[str] = field(default_factory=list)
    claims: dict[str, int] = field(default_factory=dict)
    #: (chapter, phrase, what it rests on) for each comparison (see claims.describe)
    rests_on: list[tuple[str, str, str]] = field(default_factory=list)

    def summary(self) -> str:
        """Return the line that says what was checked, when nothing is wrong."""
        held = ", ".join(
            f"{name}: {count} claim{'s hold' if count != 1 else ' holds'}"
            for name, count in self.claims.items()
        )
        seeds, one_run, still_open = (
            sum(rest.startswith(start) for _, _, rest in self.rests_on)
            for start in ("", "one run:", "open:")
        )
        rests = (
            f"; of their comparisons, {seeds - one_run - still_open} rest on several seeds, "
            f"{one_run} on one run for a stated reason, {still_open} on one seed not yet repeated"
        )
        return (
            f"{len(self.claims)} chapters executed, clean, within their bands, "
            f"and saying what they show ({held}){rests if self.rests_on else ''}"
        )


def check_book(docs: Path, html: Path, cache, keys: ChapterKeys | None) -> BookCheck:
    """Check every chapter in ``docs`` as built into ``html`` from the execution ``cache``."""
    bands_file = docs / project.BANDS
    bands = tomllib.loads(bands_file.read_text("utf-8")) if bands_file.is_file() else {}
    result = BookCheck()
    chapters = project.chapters(docs)
    for chapter in chapters:
        name = chapter.stem
        if name not in bands:
            result.problems.append(missing_table(name, bands_file))
            continue
        notebook = executed_notebook(chapter, cache, keys)
        if notebook is None:
            result.problems.append(f"{name}: no executed notebook in the cache; did it execute?")
            continue
        problems = check_chapter(name, notebook, bands[name], chapter.read_text("utf-8"))
        problems += check_download(name, notebook, html)
        result.problems += problems
        result.claims[name] = len(bands[name].get("claims", []))
        values = glued_values(notebook)
        for claim in bands[name].get("claims", []):
            if isinstance(claim, dict) and describe(claim, values):
                result.rests_on.append((name, claim.get("says"), describe(claim, values)))
    result.problems += [
        f"{name}: has a table in {bands_file} but no chapter {name}.md"
        for name in sorted(set(bands) - {chapter.stem for chapter in chapters})
    ]
    return result


def shown_text(notebook: dict) -> list[str]:
    """Everything a chapter shows as text, cell by cell: streams, displays, glued values.

    Consecutive writes to the same stream are joined, as the book shows them
    (``nb_merge_streams``): how a kernel splits a cell's printing into
    messages depends on timing, not on what was printed.
    """
    shown = []
    for cell in notebook["cells"]:
        stream = None
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                if output.get("name") == stream:
                    shown[-1] += output_text(output)
                else:
                    shown.append(output_text(output))
                stream = output.get("name")
                continue
            stream = None
            data = output.get("data", {})
            plain = [value for mime, value in data.items() if mime.endswith("text/plain")]
            shown.append("".join("".join(v) if isinstance(v, list) else v for v in plain))
    return shown


def compare_notebooks(name: str, first: dict, second: dict) -> list[str]:
    """The first difference between what two executions of a chapter show, if any."""
    a_texts, b_texts = shown_text(first), shown_text(second)
    if len(a_texts) != len(b_texts):
        return [f"{name}: {len(a_texts)} outputs in one build, {len(b_texts)} in the other"]
    for number, (a, b) in enumerate(zip(a_texts, b_texts, strict=True)):
        if a != b:
            return [f"{name}: output {number} differs: {a[:80]!r} != {b[:80]!r}"]
    return []


def compare_caches(docs: Path, caches: list, keys: ChapterKeys) -> list[str]:
    """Differences between what two builds (two execution caches) show as text."""
    problems = []
    for chapter in project.chapters(docs):
        first, second = (executed_notebook(chapter, cache, keys) for cache in caches)
        if first is None or second is None:
            problems.append(f"{chapter.stem}: not executed in both builds")
            continue
        problems += compare_notebooks(chapter.stem, first, second)
    return problems


def main(argv: list[str] | None = None) -> int:
    """Check the built book again, or compare it with another build (``--same-as``)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--html", type=Path, default=project.HTML, help="the built book")
    parser.add_argument("--same-as", type=Path, help="another build's execution cache")
    args = parser.parse_args(argv)
    keys = ChapterKeys(package_folder(), KERNELS)
    with open_cache(project.execution_cache()) as cache:
        if args.same_as:
            with open_cache(args.same_as) as other:
                problems = compare_caches(project.DOCS, [cache, other], keys)
            success = "both builds show the same text and numbers"
        else:
            result = check_book(project.DOCS, args.html, cache, keys)
            problems, success = result.problems, result.summary()
    for problem in problems:
        print(f"book check: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"book check: {success}")
    if not args.same_as:
        for chapter, says, rest in result.rests_on:
            print(f"book check: {chapter}: {says!r}: {rest}")
    return 0
