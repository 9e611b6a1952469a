"""Helpers that make training runs repeatable."""

from __future__ import annotations

import keras
import tensorflow as tf

from annbook._validation import check_int

__all__ = ["set_seed"]


def set_seed(seed: int, *, deterministic: bool = True) -> None:
    """Seed every random generator a Keras run uses, and pin its op order.

    Calls :func:`keras.utils.set_random_seed`, which seeds Python's
    ``random``, NumPy and TensorFlow (and so weight initialisers, dropout
    masks and ``fit``'s shuffling), and with ``deterministic=True`` also
    :func:`tf.config.experimental.enable_op_determinism`, so that ops whose
    CPU kernels could sum in a varying order give the same result every run.
    Two runs of the same cell then print the same numbers.

    Parameters
    ----------
    seed : int
        A non-negative integer.
    deterministic : bool, default=True
        Also make TensorFlow's ops deterministic (slightly slower).

    Raises
    ------
    TypeError
        If ``seed`` is not an integer or ``deterministic`` not a bool.
    ValueError
        If ``seed`` is negative.

    Notes
    -----
    Introduced in the chapter "Train a CNN on MNIST", where the lecture
    notebook called ``tf.random.set_seed(3)``.

    Examples
    --------
    >>> import keras
    >>> from annbook.training import set_seed
    >>> set_seed(3)
    >>> a = keras.random.uniform((2,)).numpy()
    >>> set_seed(3)
    >>> b = keras.random.uniform((2,)).numpy()
    >>> bool((a == b).all())
    True
    """
    seed = check_int("seed", seed, minimum=0)
    if not isinstance(deterministic, bool):
        msg = f"`deterministic` must be a bool. Received: deterministic={deterministic!r}"
        raise TypeError(msg)
    keras.utils.set_random_seed(seed)
    if deterministic:
        tf.config.experimental.enable_op_determinism()
