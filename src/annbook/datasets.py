"""Data sets that ship with annbook, so that every chapter runs offline.

Each file is checked against its SHA-256 before it is read: a missing,
truncated or altered file raises :class:`DataFileError` naming the file and
what is wrong with it.
"""

from __future__ import annotations

import hashlib
import os
from importlib import resources
from pathlib import Path

import numpy as np

from annbook._validation import check_int, check_positive_float

__all__ = ["WAVEFORM_NAMES", "DataFileError", "load_mnist", "make_waveforms"]

#: SHA-256 of every data file shipped in ``annbook/data``.
CHECKSUMS = {
    "mnist.npz": "06af5dfe73b70e3bc1c36439982b18a8d76803db9b544f6fdf838a37fbb01b64",
}


class DataFileError(OSError):
    """A data file is missing, damaged or not what annbook expects."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _verified(name: str, path: str | os.PathLike[str] | None) -> Path:
    """Return the path of data file ``name``, after checking its SHA-256."""
    if path is None:
        path = Path(str(resources.files("annbook") / "data" / name))
    elif isinstance(path, str | os.PathLike):
        path = Path(path)
    else:
        msg = f"`path` must be a str, a path or None. Received: path={path!r}"
        raise TypeError(msg)
    if not path.is_file():
        msg = f"Data file {str(path)!r} is missing: annbook expects {name} there."
        raise DataFileError(msg)
    expected, actual = CHECKSUMS[name], _sha256(path)
    if actual != expected:
        msg = (
            f"Data file {str(path)!r} is damaged or is not annbook's {name}: "
            f"its SHA-256 is {actual}, expected {expected}. "
            "Reinstall annbook to restore the file."
        )
        raise DataFileError(msg)
    return path


def load_mnist(
    *, path: str | os.PathLike[str] | None = None
) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """Load the MNIST handwritten digits, exactly as Keras returns them.

    This is the offline twin of ``keras.datasets.mnist.load_data()``: the
    same four arrays, shapes and dtypes, read from the copy that ships with
    annbook instead of downloaded.

    Parameters
    ----------
    path : str or os.PathLike, default=None
        A copy of ``mnist.npz`` to read instead of the shipped one. It must
        have the same SHA-256 as the shipped copy.

    Returns
    -------
    (x_train, y_train), (x_test, y_test) : tuple of tuples of numpy.ndarray
        ``x_train`` is uint8 of shape (60000, 28, 28) and ``x_test`` of shape
        (10000, 28, 28), with pixel values 0-255; ``y_train`` and ``y_test``
        are uint8 digit labels 0-9.

    Raises
    ------
    DataFileError
        If the file is missing or its SHA-256 is not the expected one.

    Notes
    -----
    Introduced in the chapter "Train a CNN on MNIST". Data: Y. LeCun,
    C. Cortes and C. J. C. Burges, *The MNIST database of handwritten
    digits*, licensed CC BY-SA 3.0.

    Examples
    --------
    >>> from annbook.datasets import load_mnist
    >>> (x_train, y_train), (x_test, y_test) = load_mnist()
    >>> x_train.shape, x_test.shape
    ((60000, 28, 28), (10000, 28, 28))
    >>> x_train.dtype, y_train[:5]
    (dtype('uint8'), array([5, 0, 4, 1, 9], dtype=uint8))
    """
    file = _verified("mnist.npz", path)
    with np.load(file, allow_pickle=False) as data:
        x_train, y_train = data["x_train"], data["y_train"]
        x_test, y_test = data["x_test"], data["y_test"]
    return (x_train, y_train), (x_test, y_test)


#: Names of the classes of :func:`make_waveforms`, in label order.
WAVEFORM_NAMES = ("sine", "square", "triangle", "sawtooth")


def make_waveforms(
    *,
    n_samples: int = 1000,
    length: int = 128,
    noise: float = 0.5,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Make noisy periodic signals of four shapes, to classify by shape.

    Each signal is one of the waveforms in :data:`WAVEFORM_NAMES` (sine,
    square, triangle, sawtooth), of amplitude 1, with between 2 and 6 cycles
    in the window and a random phase, plus Gaussian noise of standard
    deviation ``noise``. Because frequency and phase vary, the shape can be
    told only from local patterns (steps, corners, ramps), wherever they
    fall in the window. The classes are balanced.

    Parameters
    ----------
    n_samples : int, default=1000
        Number of signals; a multiple of 4 gives exactly equal classes.
    length : int, default=128
        Number of time steps of each signal, at least 16.
    noise : float, default=0.5
        Standard deviation of the added Gaussian noise, > 0.
    seed : int, default=0
        Seed of the NumPy generator; the same seed gives the same signals.

    Returns
    -------
    x : numpy.ndarray
        float32 signals of shape (n_samples, length).
    y : numpy.ndarray
        int64 labels of shape (n_samples,), indices into
        :data:`WAVEFORM_NAMES`.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If an argument is out of range.

    Notes
    -----
    Introduced in the chapter "Convolutional neural networks".

    Examples
    --------
    >>> import numpy as np
    >>> from annbook.datasets import WAVEFORM_NAMES, make_waveforms
    >>> x, y = make_waveforms(n_samples=8, length=64, seed=1)
    >>> x.shape, x.dtype, np.bincount(y).tolist()
    ((8, 64), dtype('float32'), [2, 2, 2, 2])
    >>> [WAVEFORM_NAMES[label] for label in y[:4]]
    ['sine', 'square', 'triangle', 'sawtooth']
    """
    n_samples = check_int("n_samples", n_samples)
    length = check_int("length", length, minimum=16)
    noise = check_positive_float("noise", noise)
    seed = check_int("seed", seed, minimum=0)

    rng = np.random.default_rng(seed)
    y = np.arange(n_samples) % len(WAVEFORM_NAMES)
    cycles = rng.uniform(2, 6, size=(n_samples, 1))
    phase = rng.uniform(0, 1, size=(n_samples, 1))
    # t: position within the cycle, from 0 to 1, for every time step
    t = (cycles * np.arange(length) / length + phase) % 1.0
    shapes = np.stack(
        [
            np.sin(2 * np.pi * t),
            np.where(t < 0.5, 1.0, -1.0),
            4 * np.abs(t - 0.5) - 1,
            2 * t - 1,
        ]
    )
    x = shapes[y, np.arange(n_samples)] + rng.normal(0, noise, size=(n_samples, length))
    return x.astype(np.float32), y.astype(np.int64)
