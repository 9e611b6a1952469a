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

__all__ = ["DataFileError", "load_mnist", "make_linearly_separable", "make_xor"]

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


def make_linearly_separable(
    *, n_samples: int = 100, margin: float = 0.5, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Make two clouds of 2-D points that a straight line separates.

    Points are drawn uniformly from the square [-1, 1]²; those within
    ``margin / 2`` of the line :math:`x_2 = 0.5\\,x_1 + 0.1` are redrawn, so a
    gap of width ``margin`` (measured along :math:`x_2`) separates class 1
    (above the line) from class 0 (below).

    Parameters
    ----------
    n_samples : int, default=100
        Number of points (at least 2).
    margin : float, default=0.5
        Vertical width of the empty band around the line, > 0.
    seed : int, default=0
        Seed of NumPy's generator (non-negative).

    Returns
    -------
    x : numpy.ndarray
        Points, float64 of shape (n_samples, 2).
    y : numpy.ndarray
        Labels 0 or 1, int of shape (n_samples,).

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If an argument is out of range.

    Notes
    -----
    Introduced in the chapter "Artificial neurons and networks".

    Examples
    --------
    >>> from annbook.datasets import make_linearly_separable
    >>> x, y = make_linearly_separable(n_samples=50)
    >>> x.shape, y.shape, sorted(set(y.tolist()))
    ((50, 2), (50,), [0, 1])
    """
    n_samples = check_int("n_samples", n_samples, minimum=2)
    margin = check_positive_float("margin", margin)
    if margin >= 1.0:
        msg = f"`margin` must be < 1 to leave room for points. Received: margin={margin!r}"
        raise ValueError(msg)
    seed = check_int("seed", seed, minimum=0)
    rng = np.random.default_rng(seed)
    points: list[np.ndarray] = []
    while sum(len(p) for p in points) < n_samples:
        candidates = rng.uniform(-1, 1, size=(n_samples, 2))
        offset = candidates[:, 1] - (0.5 * candidates[:, 0] + 0.1)
        points.append(candidates[np.abs(offset) > margin / 2])
    x = np.concatenate(points)[:n_samples]
    y = (x[:, 1] > 0.5 * x[:, 0] + 0.1).astype(int)
    return x, y


def make_xor(
    *, n_samples: int = 200, noise: float = 0.15, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Make the XOR problem: four clouds of 2-D points at the corners of a square.

    The clouds sit around (0, 0) and (1, 1), labelled 0, and (0, 1) and
    (1, 0), labelled 1 — the truth table of exclusive or, which no single
    straight line separates. Each point is a corner plus Gaussian noise.

    Parameters
    ----------
    n_samples : int, default=200
        Number of points (at least 4), shared out among the corners in turn.
    noise : float, default=0.15
        Standard deviation of the noise, > 0.
    seed : int, default=0
        Seed of NumPy's generator (non-negative).

    Returns
    -------
    x : numpy.ndarray
        Points, float64 of shape (n_samples, 2).
    y : numpy.ndarray
        Labels 0 or 1, int of shape (n_samples,).

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If an argument is out of range.

    Notes
    -----
    Introduced in the chapter "Artificial neurons and networks".

    Examples
    --------
    >>> from annbook.datasets import make_xor
    >>> x, y = make_xor(n_samples=8)
    >>> x.shape, y.tolist()
    ((8, 2), [0, 1, 1, 0, 0, 1, 1, 0])
    """
    n_samples = check_int("n_samples", n_samples, minimum=4)
    noise = check_positive_float("noise", noise)
    seed = check_int("seed", seed, minimum=0)
    rng = np.random.default_rng(seed)
    corners = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    which = np.arange(n_samples) % 4
    x = corners[which] + rng.normal(scale=noise, size=(n_samples, 2))
    y = np.array([0, 1, 1, 0])[which]
    return x, y
