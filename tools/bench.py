"""Measure annbook's build, test and training budgets; write a JSON and Markdown report.

Run with ``nox -s bench`` (it installs the docs and test dependencies into
its own environment first, so installation is not timed), which runs
``python -m tools.bench``. Steps:

1. cold build: ``sphinx-build`` with an empty execution cache;
2. the Korean edition's build after it (its own fresh environment, the same
   execution cache: nothing executes), what it adds to ``nox -s docs``;
3. no-change rebuild;
4. rebuild after a prose-only edit of one chapter (nothing re-executes);
5. rebuild after a code edit of one chapter (only that chapter re-executes);
6. execution time per chapter, from the build's own cache records;
7. the test suite (``pytest``);
8. training throughput of the lecture CNN in the book's settings (batch 200),
   against the machine's float32 matrix-multiply rate and the CNN's FLOPs
   per image, counted from its layers (:func:`multiply_adds`).

The report lands in ``docs/_build/bench/report.json`` and ``report.md``;
every edit is undone afterwards.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from tools.project import (
    BUILD,
    DOCS,
    HTML,
    PYTEST_PARALLEL,
    ROOT,
    edition_args,
    execution_cache,
    sphinx_args,
)

OUT = BUILD / "bench"
EDITED_CHAPTER = DOCS / "cnn-mnist.md"

BUDGETS = {  # seconds, on the 2-core reference machine
    "cold build": 600,
    "Korean edition": 60,
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
    return timed([sys.executable, "-m", "sphinx", *sphinx_args(HTML, "-q")])


def chapter_seconds() -> dict[str, float]:
    """Return each chapter's execution time, from the build's execution cache."""
    from jupyter_cache import get_cache  # noqa: PLC0415

    records = sorted(get_cache(execution_cache()).list_cache_records(), key=lambda r: r.created)
    return {Path(r.uri).stem: round(r.data["execution_seconds"], 1) for r in records}


def edited(path: Path, old: str, new: str):
    text = path.read_text()
    if old not in text:
        msg = f"{path.name} no longer contains {old!r}; update the benchmark"
        raise RuntimeError(msg)
    path.write_text(text.replace(old, new, 1))
    return text


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


def main() -> int:
    report: dict[str, object] = {"cpus": os.cpu_count()}
    times: dict[str, float] = {}
    shutil.rmtree(BUILD, ignore_errors=True)
    shutil.rmtree(execution_cache(), ignore_errors=True)
    times["cold build"] = build()
    times["Korean edition"] = timed([sys.executable, "-m", "sphinx", *edition_args("ko", "-q")])
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
        sys.executable, "-m", "pytest", *PYTEST_PARALLEL, "-q", "-p", "no:cacheprovider",
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
