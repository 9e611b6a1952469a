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

__all__ = ["DataFileError", "load_mnist"]

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
