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

from annbook._validation import (
    check_array,
    check_bool,
    check_choice,
    check_int,
    check_positive_float,
    check_real,
    check_seed,
)

__all__ = [
    "SOUND_NAMES",
    "WAVEFORM_NAMES",
    "DataFileError",
    "check_data_files",
    "load_mnist",
    "load_sunspots",
    "load_text",
    "make_adding_problem",
    "make_linearly_separable",
    "make_sound_clips",
    "make_waveforms",
    "make_windows",
    "make_xor",
]

#: The largest ``noise`` a maker takes: a million times its signal, and still
#: far inside float32's range, which a larger deviation would overflow.
MAX_NOISE = 1e6

#: SHA-256 of every data file shipped in ``annbook/data``.
CHECKSUMS = {
    "mnist.npz": "06af5dfe73b70e3bc1c36439982b18a8d76803db9b544f6fdf838a37fbb01b64",
    "sunspots_yearly.csv": "f67889b1d9002cd5227f0e0ef54e35b419cdd85a31279adef6f73fb41e5c0a9b",
    "hamlet.txt": "bbe5635616c6e0e0bcf01b7b8c324be8b42451c51848f11c283bd2f4442b1e0a",
}


def _check_noise(name: str, value: object) -> float:
    """Return ``value`` if it is a real number in ``[0, MAX_NOISE]``, else raise.

    A larger standard deviation would overflow float32.
    """
    value = check_real(name, value)
    if not 0 <= value <= MAX_NOISE:
        msg = f"`{name}` must be a number in [0, {MAX_NOISE:g}]. Received: {name}={value!r}"
        raise ValueError(msg)
    return value


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


def check_data_files() -> dict[str, Path]:
    """Check every data file that ships with annbook against its SHA-256.

    The loaders check the file they read; this checks them all at once, for
    a build or an installation that should fail before it starts rather than
    in its last chapter.

    Returns
    -------
    dict of str to pathlib.Path
        Each data file's name and where it is.

    Raises
    ------
    DataFileError
        Naming the first file that is missing or damaged.

    Notes
    -----
    ``nox -s docs`` calls it before the book is built.

    Examples
    --------
    >>> from annbook.datasets import check_data_files
    >>> sorted(check_data_files())
    ['hamlet.txt', 'mnist.npz', 'sunspots_yearly.csv']
    """
    return {name: _verified(name, None) for name in sorted(CHECKSUMS)}


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


def load_sunspots(*, path: str | os.PathLike[str] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Load the yearly mean sunspot number, 1700-2008.

    Parameters
    ----------
    path : str or os.PathLike, default=None
        A copy of ``sunspots_yearly.csv`` to read instead of the shipped one.
        It must have the same SHA-256 as the shipped copy.

    Returns
    -------
    years : numpy.ndarray
        The 309 years 1700, 1701, ..., 2008, as int64.
    sunspots : numpy.ndarray
        The yearly mean sunspot number of each year, as float64.

    Raises
    ------
    DataFileError
        If the file is missing or its SHA-256 is not the expected one.

    Notes
    -----
    Introduced in the chapter "Recurrent neural networks". Data: NOAA
    National Geophysical Data Center, public domain (the series statsmodels
    ships as ``statsmodels.datasets.sunspots``): version 1 of the
    International Sunspot Number, from before SILSO's recalibrated version 2
    of 2015, whose numbers are larger.

    Examples
    --------
    >>> from annbook.datasets import load_sunspots
    >>> years, sunspots = load_sunspots()
    >>> years.shape, int(years[0]), int(years[-1])
    ((309,), 1700, 2008)
    >>> sunspots[:4].tolist()
    [5.0, 11.0, 16.0, 23.0]
    """
    file = _verified("sunspots_yearly.csv", path)
    table = np.loadtxt(file, delimiter=",", skiprows=1)
    return table[:, 0].astype(np.int64), table[:, 1]


#: The texts :func:`load_text` can load, by name, and their file names.
TEXTS = {"hamlet": "hamlet.txt"}


def load_text(
    *,
    name: str = "hamlet",
    lowercase: bool = False,
    path: str | os.PathLike[str] | None = None,
) -> str:
    """Load a plain-text book that ships with annbook, as one string.

    Parameters
    ----------
    name : {"hamlet"}, default="hamlet"
        Which text: ``"hamlet"`` is *Hamlet* by William Shakespeare (173,942
        characters, 65 distinct ones, ASCII only).
    lowercase : bool, default=False
        Return the text in lower case, which shrinks the alphabet a
        character-level model must learn.
    path : str or os.PathLike, default=None
        A copy of the text file to read instead of the shipped one. It must
        have the same SHA-256 as the shipped copy.

    Returns
    -------
    str
        The whole text, lines separated by ``"\\n"``.

    Raises
    ------
    TypeError
        If ``name`` is not a str or ``lowercase`` not a bool.
    ValueError
        If ``name`` is not one of the shipped texts.
    DataFileError
        If the file is missing or its SHA-256 is not the expected one.

    Notes
    -----
    Introduced in the chapter "Long short-term memory". *Hamlet* is in the
    public domain; this copy comes from the Open Shakespeare corpus (Open
    Knowledge Foundation, CC BY 2.5 for the collection).

    Examples
    --------
    >>> from annbook.datasets import load_text
    >>> text = load_text()
    >>> len(text), len(set(text))
    (173942, 65)
    >>> text[:25]
    'HAMLET, PRINCE OF DENMARK'
    >>> len(set(load_text(lowercase=True)))
    41
    """
    name = check_choice("name", name, sorted(TEXTS))
    lowercase = check_bool("lowercase", lowercase)
    file = _verified(TEXTS[name], path)
    text = file.read_text(encoding="utf-8")
    return text.lower() if lowercase else text


def make_adding_problem(
    *, n_samples: int = 1000, length: int = 100, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Make the adding problem of Hochreiter and Schmidhuber (1997).

    Each sequence has ``length`` steps of two inputs: a random value drawn
    uniformly from [0, 1), and a marker that is 1 at exactly two steps, one
    in the first half of the sequence and one in the second, and 0
    elsewhere. The target is the sum of the two marked values. A model that
    ignores the inputs and always predicts the mean sum, 1, has a mean
    squared error of 1/6 (the variance of a sum of two uniform values);
    doing better requires remembering a value across up to ``length`` steps.

    Parameters
    ----------
    n_samples : int, default=1000
        How many sequences to make.
    length : int, default=100
        Steps per sequence, at least 2.
    seed : int, default=0
        Seed of the NumPy generator, so the same arguments give the same data.

    Returns
    -------
    x : numpy.ndarray
        float32 array of shape (n_samples, length, 2): values, markers.
    y : numpy.ndarray
        float32 array of shape (n_samples,), each in [0, 2).

    Raises
    ------
    TypeError
        If an argument is not an integer.
    ValueError
        If ``n_samples`` < 1, ``length`` < 2 or ``seed`` < 0.

    Notes
    -----
    Introduced in the chapter "Long short-term memory". The version with one
    marker in each half is that of Le, Jaitly and Hinton (2015).

    Examples
    --------
    >>> from annbook.datasets import make_adding_problem
    >>> x, y = make_adding_problem(n_samples=4, length=100)
    >>> x.shape, y.shape
    ((4, 100, 2), (4,))
    >>> x[..., 1].sum(axis=1).tolist()
    [2.0, 2.0, 2.0, 2.0]
    >>> bool(abs(y[0] - (x[0, :, 0] * x[0, :, 1]).sum()) < 1e-6)
    True
    """
    n_samples = check_int("n_samples", n_samples)
    length = check_int("length", length, minimum=2)
    seed = check_seed("seed", seed)
    rng = np.random.default_rng(seed)
    values = rng.uniform(0.0, 1.0, size=(n_samples, length))
    markers = np.zeros((n_samples, length))
    rows = np.arange(n_samples)
    half = length // 2
    markers[rows, rng.integers(0, half, size=n_samples)] = 1.0
    markers[rows, rng.integers(half, length, size=n_samples)] = 1.0
    x = np.stack([values, markers], axis=-1).astype(np.float32)
    y = (values * markers).sum(axis=1).astype(np.float32)
    return x, y


def make_windows(
    series: np.ndarray, *, window: int, horizon: int = 1
) -> tuple[np.ndarray, np.ndarray]:
    """Cut a time series into (past window, future value) training pairs.

    Pair ``i`` has the inputs ``series[i : i + window]`` and the target
    ``series[i + window + horizon - 1]``, the value ``horizon`` steps after
    the window ends. The inputs have the (examples, steps, features) shape a
    Keras recurrent layer reads.

    Parameters
    ----------
    series : numpy.ndarray
        A real-valued series of shape (time,) or (time, features).
    window : int
        Steps of history in each input.
    horizon : int, default=1
        How many steps after the window the target lies (1: the next step).

    Returns
    -------
    x : numpy.ndarray
        float32 array of shape (n, window, features), with features = 1 for
        a 1-D series, where n = time - window - horizon + 1.
    y : numpy.ndarray
        float32 array of shape (n,) for a 1-D series, else (n, features).

    Raises
    ------
    TypeError
        If ``series`` is not a numeric array (booleans, strings or objects),
        or ``window``/``horizon`` not an int.
    ValueError
        If ``series`` is not 1-D or 2-D, holds NaN or infinity, or is too
        short for one window plus the horizon; or ``window``/``horizon`` < 1.

    Notes
    -----
    Introduced in the chapter "Recurrent neural networks".

    Examples
    --------
    >>> import numpy as np
    >>> from annbook.datasets import make_windows
    >>> x, y = make_windows(np.arange(6.0), window=3)
    >>> x.shape, y.shape
    ((3, 3, 1), (3,))
    >>> x[0, :, 0].tolist(), float(y[0])
    ([0.0, 1.0, 2.0], 3.0)
    """
    series = check_array("series", series, dtype="number")
    if series.ndim not in (1, 2):
        msg = (
            "`series` must have shape (time,) or (time, features). "
            f"Received: series.shape={series.shape}"
        )
        raise ValueError(msg)
    series = check_array("series", series, finite=True)
    window = check_int("window", window)
    horizon = check_int("horizon", horizon)
    n = len(series) - window - horizon + 1
    if n < 1:
        msg = (
            f"`window` + `horizon` must not exceed the length of `series` ({len(series)}). "
            f"Received: window={window}, horizon={horizon}"
        )
        raise ValueError(msg)
    values = series.astype(np.float32)
    table = values if values.ndim == 2 else values[:, None]
    starts = np.arange(n)
    x = table[starts[:, None] + np.arange(window)]
    y = values[starts + window + horizon - 1]
    return x, y


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
    deviation ``noise``. The noise is drawn last, so ``noise=0`` with the
    same seed gives the same signals without their noise. Because frequency and phase vary, the shape can be
    told only from local patterns (steps, corners, ramps), wherever they
    fall in the window. The classes are balanced.

    Parameters
    ----------
    n_samples : int, default=1000
        Number of signals; a multiple of 4 gives exactly equal classes.
    length : int, default=128
        Number of time steps of each signal, at least 16.
    noise : float, default=0.5
        Standard deviation of the added Gaussian noise, from 0 to 1e6.
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
    >>> clean, _ = make_waveforms(n_samples=8, length=64, noise=0, seed=1)
    >>> round(float((x - clean).std()), 1)
    0.5
    """
    n_samples = check_int("n_samples", n_samples)
    length = check_int("length", length, minimum=16)
    noise = _check_noise("noise", noise)
    seed = check_seed("seed", seed)

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
        Points, float32 of shape (n_samples, 2).
    y : numpy.ndarray
        Class indices 0 or 1, int64 of shape (n_samples,).

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
    >>> x.shape, x.dtype, y.dtype, sorted(set(y.tolist()))
    ((50, 2), dtype('float32'), dtype('int64'), [0, 1])
    """
    n_samples = check_int("n_samples", n_samples, minimum=2)
    margin = check_positive_float("margin", margin)
    if margin >= 1.0:
        msg = f"`margin` must be < 1 to leave room for points. Received: margin={margin!r}"
        raise ValueError(msg)
    seed = check_seed("seed", seed)
    rng = np.random.default_rng(seed)
    points: list[np.ndarray] = []
    while sum(len(p) for p in points) < n_samples:
        # Rounded to float32 first, so the margin holds for the returned points.
        candidates = rng.uniform(-1, 1, size=(n_samples, 2)).astype(np.float32).astype(float)
        offset = candidates[:, 1] - (0.5 * candidates[:, 0] + 0.1)
        points.append(candidates[np.abs(offset) > margin / 2])
    x = np.concatenate(points)[:n_samples]
    y = (x[:, 1] > 0.5 * x[:, 0] + 0.1).astype(np.int64)
    return x.astype(np.float32), y


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
        Standard deviation of the noise, > 0 and <= 1e6.
    seed : int, default=0
        Seed of NumPy's generator (non-negative).

    Returns
    -------
    x : numpy.ndarray
        Points, float32 of shape (n_samples, 2).
    y : numpy.ndarray
        Class indices 0 or 1, int64 of shape (n_samples,).

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
    >>> x.shape, x.dtype, y.tolist()
    ((8, 2), dtype('float32'), [0, 1, 1, 0, 0, 1, 1, 0])
    """
    n_samples = check_int("n_samples", n_samples, minimum=4)
    noise = check_positive_float("noise", noise, maximum=MAX_NOISE)
    seed = check_seed("seed", seed)
    rng = np.random.default_rng(seed)
    corners = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    which = np.arange(n_samples) % 4
    x = corners[which] + rng.normal(scale=noise, size=(n_samples, 2))
    y = np.array([0, 1, 1, 0], dtype=np.int64)[which]
    return x.astype(np.float32), y


#: Names of the classes of :func:`make_sound_clips`, in label order.
SOUND_NAMES = ("tone", "chirp", "noise burst")


def make_sound_clips(
    *,
    n_samples: int = 1000,
    sample_rate: int = 4000,
    duration: float = 0.128,
    noise: float = 0.3,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Make short synthetic audio clips of three kinds of sound event, to classify.

    Each clip holds one event, a :data:`SOUND_NAMES` class, in background
    noise: a *tone* (a sine of one pitch from 200 to 1,800 Hz), a *chirp*
    (a sine whose pitch sweeps up or down between about 150–500 Hz and
    1,300–1,900 Hz), or a *noise burst* (white noise). The event lasts 40 to
    64 ms, starts anywhere in the first half of the clip, and fades in and
    out with a half-sine envelope of amplitude 1; Gaussian background noise
    of standard deviation ``noise`` covers the whole clip. The sounds are
    synthetic, made to have what recorded sound events have: a class that
    shows in a pattern along time, at any moment of the clip and any pitch.
    The classes are balanced.

    Parameters
    ----------
    n_samples : int, default=1000
        Number of clips; a multiple of 3 gives exactly equal classes.
    sample_rate : int, default=4000
        Samples per second, from 4,000 (so that 1,900 Hz stays below the
        Nyquist frequency, half the sample rate) to 192,000.
    duration : float, default=0.128
        Length of each clip in seconds, from 0.128 (the longest event
        starting at the latest moment must fit) to 60.
    noise : float, default=0.3
        Standard deviation of the background noise, >= 0.
    seed : int, default=0
        Seed of NumPy's generator (non-negative); the same seed gives the
        same clips.

    Returns
    -------
    x : numpy.ndarray
        float32 clips of shape (n_samples, round(sample_rate * duration)).
    y : numpy.ndarray
        int64 labels of shape (n_samples,), indices into :data:`SOUND_NAMES`.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If an argument is out of range.

    Notes
    -----
    Introduced in the chapter "Convolutional neural networks", for the
    lecture's remark that CNNs work on audio too.

    Examples
    --------
    >>> import numpy as np
    >>> from annbook.datasets import SOUND_NAMES, make_sound_clips
    >>> x, y = make_sound_clips(n_samples=6, seed=1)
    >>> x.shape, x.dtype, np.bincount(y).tolist()
    ((6, 512), dtype('float32'), [2, 2, 2])
    >>> [SOUND_NAMES[label] for label in y[:3]]
    ['tone', 'chirp', 'noise burst']
    """
    n_samples = check_int("n_samples", n_samples)
    sample_rate = check_int("sample_rate", sample_rate, minimum=4000, maximum=192_000)
    duration = check_positive_float("duration", duration, maximum=60.0)
    if duration < 0.128:  # the longest event, 64 ms, starting at 64 ms
        msg = f"`duration` must be at least 0.128 seconds. Received: duration={duration!r}"
        raise ValueError(msg)
    noise = _check_noise("noise", noise)
    seed = check_seed("seed", seed)

    rng = np.random.default_rng(seed)
    y = np.arange(n_samples) % len(SOUND_NAMES)
    column = (n_samples, 1)
    onset = rng.uniform(0, duration / 2, column)
    width = rng.uniform(0.040, 0.064, column)
    pitch = rng.uniform(200, 1800, column)
    low, high = rng.uniform(150, 500, column), rng.uniform(1300, 1900, column)
    up = rng.random(column) < 0.5
    start, end = np.where(up, low, high), np.where(up, high, low)
    # t: time since the event's onset, in seconds, for every sample of every clip
    t = np.arange(round(sample_rate * duration)) / sample_rate - onset
    inside = (t >= 0) & (t < width)
    envelope = np.where(inside, np.sin(np.pi * np.clip(t / width, 0, 1)), 0.0)
    # a chirp's phase is the integral of its linearly changing frequency
    sweep = start * t + 0.5 * (end - start) / width * t**2
    events = np.stack(
        [
            np.sin(2 * np.pi * pitch * t),
            np.sin(2 * np.pi * sweep),
            rng.normal(0, 0.7, t.shape),
        ]
    )
    x = envelope * events[y, np.arange(n_samples)] + rng.normal(0, noise, t.shape)
    return x.astype(np.float32), y.astype(np.int64)
