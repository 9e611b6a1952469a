"""Check what the built book shows, from the executed notebooks of its chapters.

Run by ``nox -s docs`` after Sphinx has built the book. For each chapter it
takes the executed notebook the book was rendered from: the jupyter-cache
record that matches the chapter as myst-nb reads it (through ``conf.py``'s
source hook, so with its execution fingerprint). It fails (exit 1) and names
the chapter and cell when:

- a chapter did not execute, or one of its code cells did not run;
- a cell shows an error or writes to stderr;
- a model summary's total parameter count is not the one pinned in
  ``docs/bands.toml``, a summary is not pinned there, or a pinned summary is
  not shown;
- a headline number glued by a chapter is missing or outside its band.

``python docs/check_book.py --same-as OTHER_CACHE`` instead compares, chapter
by chapter, the text and numbers this build shows with those of another
build's execution cache (``nox -s repro`` makes two builds from clean caches
and runs it).
"""

from __future__ import annotations

import ast
import importlib.util
import re
import sys
import tomllib
from pathlib import Path

import nbformat
from jupyter_cache import get_cache
from jupyter_cache.base import CachingError
from myst_nb.core.read import read_myst_markdown_notebook

DOCS = Path(__file__).parent
BANDS = DOCS / "bands.toml"
HTML = DOCS / "_build" / "html"

# A summary's model parameters are its trainable plus non-trainable ones; its
# "Total params" also counts an optimizer's variables once the model has trained.
SUMMARY = re.compile(
    r'Model: "(?P<name>[^"]+)".*?Trainable params: (?P<trainable>[\d,]+)'
    r".*?Non-trainable params: (?P<frozen>[\d,]+)",
    re.DOTALL,
)
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def chapters() -> list[str]:
    """Names of the MyST notebooks in docs/ (files whose front matter has a kernelspec)."""
    return sorted(
        path.stem
        for path in DOCS.glob("*.md")
        if re.search(r"\A---\n.*?^kernelspec:", path.read_text(), re.DOTALL | re.MULTILINE)
    )


def output_text(output: dict) -> str:
    if output.get("output_type") == "stream":
        text = output.get("text", "")
    else:
        data = output.get("data", {})
        text = data.get("text/plain", "") or data.get("text/html", "")
    return ANSI.sub("", "".join(text) if isinstance(text, list) else text)


def glued_values(notebook: dict) -> dict[str, object]:
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


def check_chapter(name: str, notebook: dict, bands: dict) -> list[str]:
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
        pinned = bands.get("summaries", {})
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
        for model in sorted(set(bands.get("summaries", {})) - shown)
    ]
    values = glued_values(notebook)
    for key, band in bands.get("metrics", {}).items():
        value = values.get(key)
        if not isinstance(value, int | float):
            problems.append(f"{name}: glued number {key!r} is missing or not a number: {value!r}")
            continue
        low, high = band.get("min", float("-inf")), band.get("max", float("inf"))
        if not low <= value <= high:
            problems.append(f"{name}: {key} = {value} is outside its band [{low}, {high}]")
    return problems


def _load_conf():
    spec = importlib.util.spec_from_file_location("annbook_docs_conf", DOCS / "conf.py")
    conf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conf)
    return conf


def executed_notebook(name: str, conf, cache) -> dict | None:
    """The cached executed notebook the book shows for chapter ``name``, or None."""
    source = [(DOCS / f"{name}.md").read_text()]
    conf._prepare_notebook(None, name, source)
    try:
        record = cache.match_cache_notebook(read_myst_markdown_notebook(source[0]))
    except KeyError:
        return None
    return cache.get_cache_bundle(record.pk).nb


def check_download(name: str, notebook: dict, html: Path = HTML) -> list[str]:
    """The chapter's downloadable notebook must carry the outputs the book shows."""
    path = html / "_sources" / f"{name}.ipynb"
    if not path.is_file():
        return [f"{name}: no executed notebook to download at {path}"]
    offered = nbformat.read(path, as_version=4)

    def outputs(nb: dict) -> list:
        return [cell["outputs"] for cell in nb["cells"] if cell["cell_type"] == "code"]

    if outputs(offered) != outputs(notebook):
        return [f"{name}: the notebook offered for download differs from the executed one"]
    return []


def check_book(bands_file: Path = BANDS, html: Path = HTML) -> list[str]:
    """Return every problem found in the built book (an empty list if none)."""
    bands = tomllib.loads(bands_file.read_text())
    conf = _load_conf()
    try:
        cache = get_cache(conf.nb_execution_cache_path)
    except CachingError as error:
        return [f"no execution cache: {error}"]
    problems = []
    for name in chapters():
        notebook = executed_notebook(name, conf, cache)
        if notebook is None:
            problems.append(f"{name}: no executed notebook in the cache; did it execute?")
            continue
        problems += check_chapter(name, notebook, bands.get(name, {}))
        problems += check_download(name, notebook, html)
    problems += [
        f"{name}: banded in {bands_file.name} but no such chapter"
        for name in sorted(set(bands) - set(chapters()))
    ]
    return problems


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


def compare_caches(other_cache_path: str) -> list[str]:
    """Differences between what two builds (two execution caches) show as text."""
    conf = _load_conf()
    caches = [get_cache(conf.nb_execution_cache_path), get_cache(other_cache_path)]
    problems = []
    for name in chapters():
        first, second = (executed_notebook(name, conf, cache) for cache in caches)
        if first is None or second is None:
            problems.append(f"{name}: not executed in both builds")
            continue
        problems += compare_notebooks(name, first, second)
    return problems


def compare_notebooks(name: str, first: dict, second: dict) -> list[str]:
    """The first difference between what two executions of a chapter show, if any."""
    a_texts, b_texts = shown_text(first), shown_text(second)
    if len(a_texts) != len(b_texts):
        return [f"{name}: {len(a_texts)} outputs in one build, {len(b_texts)} in the other"]
    for number, (a, b) in enumerate(zip(a_texts, b_texts, strict=True)):
        if a != b:
            return [f"{name}: output {number} differs: {a[:80]!r} != {b[:80]!r}"]
    return []


def main() -> int:
    if sys.argv[1:2] == ["--same-as"]:
        problems = compare_caches(sys.argv[2])
        for problem in problems:
            print(f"check_book: {problem}", file=sys.stderr)
        if not problems:
            print("check_book: both builds show the same text and numbers")
        return 1 if problems else 0
    problems = check_book()
    for problem in problems:
        print(f"check_book: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"check_book: {len(chapters())} chapters executed, clean and within their bands")
    return 0


if __name__ == "__main__":
    sys.exit(main())
