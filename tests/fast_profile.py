"""Run a chapter, converted to a plain Python script, in the fast profile.

Usage: ``ANNBOOK_FAST=1 python tests/fast_profile.py SCRIPT [SCRIPT ...]``.

The book shows each chapter's code as a reader would write it, with the
full epochs and data. To prove that code also works outside a notebook in a
few seconds, this runner shrinks the work from outside the code: with
``ANNBOOK_FAST=1`` it wraps ``keras.Model.fit`` so that every call trains on
at most ``FAST_SAMPLES`` examples (and validates on at most as many). The
number of epochs is kept, since chapters plot one point per epoch. Each script then runs
with plain ``python`` semantics (``runpy``, ``__name__ == "__main__"``), no
IPython, one after another in this process.
"""

from __future__ import annotations

import functools
import os
import runpy
import sys

import matplotlib as mpl

mpl.use("Agg")

import keras
import matplotlib.pyplot as plt
import numpy as np

FAST_SAMPLES = 256


def _shrink(value: object) -> object:
    if isinstance(value, np.ndarray) and len(value) > FAST_SAMPLES:
        return value[:FAST_SAMPLES]
    if isinstance(value, tuple | list):
        return type(value)(_shrink(item) for item in value)
    return value


def install_fast_profile() -> None:
    """Make every ``Model.fit`` train on a small slice of its data."""
    fit = keras.Model.fit

    @functools.wraps(fit)
    def fast_fit(self, x=None, y=None, *args, **kwargs):
        if "validation_data" in kwargs:
            kwargs["validation_data"] = _shrink(kwargs["validation_data"])
        return fit(self, _shrink(x), _shrink(y), *args, **kwargs)

    keras.Model.fit = fast_fit


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
