"""Measure annbook's build, test and training budgets; write a JSON and Markdown report.

Run with ``nox -s bench`` (it installs the docs and test dependencies into
its own environment first, so installation is not timed). Steps:

1. cold build: ``sphinx-build`` with an empty execution cache;
2. no-change rebuild;
3. rebuild after a prose-only edit of one chapter (nothing re-executes);
4. rebuild after a code edit of one chapter (only that chapter re-executes);
5. execution time per chapter, from the build's own cache records;
6. the test suite (``pytest``);
7. training throughput of the lecture CNN in the book's settings (batch 200),
   against the machine's float32 matrix-multiply rate and the CNN's FLOPs
   per image.

The report lands in ``docs/_build/bench/report.json`` and ``report.md``;
every edit is undone afterwards.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).parents[1]
DOCS = ROOT / "docs"
BUILD = DOCS / "_build"
CACHE = BUILD / ".jupyter_cache"
OUT = BUILD / "bench"
EDITED_CHAPTER = DOCS / "cnn-mnist.md"

BUDGETS = {  # seconds, on the 2-core reference machine
    "cold build": 600,
    "no-change rebuild": 20,
    "prose-edit rebuild": 30,
    "code-edit rebuild": 240 + 30,
    "any chapter": 240,
    "tests": 120,
}


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def build() -> float:
    return timed([
        sys.executable, "-m", "sphinx", "-b", "html", "-n", "-W", "--keep-going", "-T", "-q",
        str(DOCS), str(BUILD / "html"),
    ])  # fmt: skip


def chapter_seconds() -> dict[str, float]:
    with sqlite3.connect(CACHE / "global.db") as db:
        rows = db.execute("SELECT uri, data, created FROM nbcache ORDER BY created").fetchall()
    return {
        Path(uri).stem: round(json.loads(data)["execution_seconds"], 1) for uri, data, _ in rows
    }


def edited(path: Path, old: str, new: str):
    text = path.read_text()
    if old not in text:
        msg = f"{path.name} no longer contains {old!r}; update the benchmark"
        raise RuntimeError(msg)
    path.write_text(text.replace(old, new, 1))
    return text


def cnn_throughput() -> dict[str, float]:
    code = r"""
import json, time, numpy as np, keras
from annbook.datasets import load_mnist
from annbook.models import build_cnn
from annbook.training import set_seed
a = np.random.default_rng(0).random((2048, 2048), dtype=np.float32)
import tensorflow as tf
ta = tf.constant(a); (ta @ ta).numpy()
start = time.perf_counter(); [(ta @ ta).numpy() for _ in range(10)]
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
# forward FLOPs per image: 2 per multiply-add of each conv and dense layer
forward = 2 * (26*26*32*3*3*1 + 11*11*64*3*3*32 + 1600*128 + 128*10)
train = 3 * forward  # forward, and a backward pass of about twice its cost
print(json.dumps({"matmul_gflops": gflops, "images_per_second": rate,
                  "train_flops_per_image": train,
                  "fraction_of_machine": rate * train / (gflops * 1e9)}))
"""
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True, text=True
    )
    return {k: round(v, 3) for k, v in json.loads(result.stdout.splitlines()[-1]).items()}


def main() -> int:
    report: dict[str, object] = {"cpus": os.cpu_count()}
    times: dict[str, float] = {}
    shutil.rmtree(BUILD, ignore_errors=True)
    times["cold build"] = build()
    times["no-change rebuild"] = build()
    original = edited(EDITED_CHAPTER, "## Setup\n", "## Setup\n\nA benchmark's prose edit.\n")
    try:
        times["prose-edit rebuild"] = build()
        EDITED_CHAPTER.write_text(original)
        edited(
            EDITED_CHAPTER,
            "set_seed(3)\nmodel = build_cnn()",
            "set_seed(3)\nmodel = build_cnn()\nmodel.name",
        )
        times["code-edit rebuild"] = build()
    finally:
        EDITED_CHAPTER.write_text(original)
    report["chapters"] = chapter_seconds()
    times["any chapter"] = max(report["chapters"].values())
    times["tests"] = timed([  # as `nox -s tests` runs them
        sys.executable, "-m", "pytest", "--numprocesses=auto", "--dist=worksteal", "-q",
        "-p", "no:cacheprovider",
    ])  # fmt: skip
    report["seconds"] = {k: round(v, 1) for k, v in times.items()}
    report["budgets"] = BUDGETS
    report["cnn_training"] = cnn_throughput()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "report.json").write_text(json.dumps(report, indent=2) + "\n")
    rows = ["| measure | seconds | budget | met |", "| --- | ---: | ---: | --- |"]
    rows += [
        f"| {k} | {v:.1f} | {BUDGETS[k]} | {'yes' if v <= BUDGETS[k] else 'NO'} |"
        for k, v in times.items()
    ]
    rows += ["", "| chapter | execution seconds |", "| --- | ---: |"]
    rows += [f"| {k} | {v} |" for k, v in report["chapters"].items()]
    rows += ["", "| CNN training | value |", "| --- | ---: |"]
    rows += [f"| {k} | {v} |" for k, v in report["cnn_training"].items()]
    (OUT / "report.md").write_text("\n".join(rows) + "\n")
    print("\n".join(rows))
    return 0 if all(v <= BUDGETS[k] for k, v in times.items()) else 1


if __name__ == "__main__":
    sys.exit(main())
