"""Run a chapter, converted to a plain Python script, in the fast profile.

Usage: ``ANNBOOK_FAST=1 python -m annbook_book.reader.fast_profile SCRIPT [SCRIPT ...]``.

The book shows each chapter's code as a reader would write it, with the
full epochs and data. To prove that code also works outside a notebook in a
few seconds, this runner shrinks the work from outside the code: with
``ANNBOOK_FAST=1`` it wraps ``keras.Model.fit`` so that every call trains on
at most ``FAST_SAMPLES`` examples (and validates on at most as many), and
caps every ``fit`` at ``FAST_EPOCHS`` epochs with Keras' own debugging
switch, ``keras.config.set_max_epochs``; and ``annbook.datasets.load_mnist``
returns only the first ``FAST_MNIST`` training and test images, so that
evaluating and predicting are quick too; ``annbook.distributed.local_workers``
gets the same caps, since its worker processes train outside this one. Each script then runs
with plain ``python`` semantics (``runpy``, ``__name__ == "__main__"``), no
IPython, one after another in this process, so TensorFlow is imported once.
"""

from __future__ import annotations

import functools
import os
import runpy
import sys
import warnings

import matplotlib as mpl

mpl.use("Agg")

import keras
import matplotlib.pyplot as plt
import numpy as np

import annbook.datasets
import annbook.distributed

FAST_SAMPLES = 128
FAST_EPOCHS = 2
FAST_MNIST = (1000, 500)  # training and test images (at least 60 of each digit)


def _shrink(value: object) -> object:
    if isinstance(value, np.ndarray) and len(value) > FAST_SAMPLES:
        return value[:FAST_SAMPLES]
    if isinstance(value, tuple | list):
        return type(value)(_shrink(item) for item in value)
    return value


def install_fast_profile() -> None:
    """Make every ``Model.fit`` train for two epochs on a small slice of its data."""
    keras.config.set_max_epochs(FAST_EPOCHS)
    warnings.filterwarnings("ignore", message="Limiting epochs to", category=UserWarning)
    fit = keras.Model.fit

    @functools.wraps(fit)
    def fast_fit(self, x=None, y=None, *args, **kwargs):
        if "validation_data" in kwargs:
            kwargs["validation_data"] = _shrink(kwargs["validation_data"])
        return fit(self, _shrink(x), _shrink(y), *args, **kwargs)

    keras.Model.fit = fast_fit

    load_mnist = annbook.datasets.load_mnist

    @functools.wraps(load_mnist)
    def fast_load_mnist(*args, **kwargs):
        (x_train, y_train), (x_test, y_test) = load_mnist(*args, **kwargs)
        n_train, n_test = FAST_MNIST
        return (x_train[:n_train], y_train[:n_train]), (x_test[:n_test], y_test[:n_test])

    annbook.datasets.load_mnist = fast_load_mnist

    local_workers = annbook.distributed.local_workers

    @functools.wraps(local_workers)
    def fast_local_workers(*args, **kwargs):
        kwargs["n_samples"] = min(kwargs.get("n_samples", FAST_SAMPLES), FAST_SAMPLES)
        kwargs["epochs"] = min(kwargs.get("epochs", FAST_EPOCHS), FAST_EPOCHS)
        return local_workers(*args, **kwargs)

    annbook.distributed.local_workers = fast_local_workers


def main(scripts: list[str]) -> int:
    if os.environ.get("ANNBOOK_FAST") == "1":
        install_fast_profile()
    for script in scripts:
        print(f"== {script}", flush=True)
        runpy.run_path(script, run_name="__main__")
        plt.close("all")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
