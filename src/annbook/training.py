"""Helpers that make training runs repeatable."""

from __future__ import annotations

import keras
import numpy as np
import tensorflow as tf

from annbook._validation import check_int

__all__ = ["set_seed"]
__all__ += ["input_gradient_norms"]


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


def input_gradient_norms(model: keras.Model, inputs: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """Measure how strongly the loss reacts to each time step of the input.

    For a model that reads sequences of shape (batch, steps, features) and
    a mean-squared-error loss on its output, compute the gradient
    ``d loss / d x_t`` of every step t, take its Euclidean norm over the
    features, and average over the batch. In a network with vanishing
    gradients, the norm falls fast as t moves away from the last step.

    Parameters
    ----------
    model : keras.Model
        A model whose output has one row per sequence, like ``targets``.
    inputs : numpy.ndarray
        Float sequences, shape (batch, steps, features).
    targets : numpy.ndarray
        Targets of shape (batch,) or (batch, outputs).

    Returns
    -------
    numpy.ndarray
        float64 array of shape (steps,): the mean gradient norm at each step,
        the first step first.

    Raises
    ------
    TypeError
        If ``model`` is not a keras Model or an array is not a float array.
    ValueError
        If ``inputs`` is not 3-D or ``targets`` has another batch size.

    Notes
    -----
    Introduced in the chapter "Recurrent neural networks".

    Examples
    --------
    >>> import numpy as np
    >>> from annbook.models import build_simple_rnn
    >>> from annbook.training import input_gradient_norms, set_seed
    >>> set_seed(0)
    >>> model = build_simple_rnn(input_shape=(20, 1), units=4)
    >>> norms = input_gradient_norms(model, np.ones((8, 20, 1)), np.zeros(8))
    >>> norms.shape, bool(norms[-1] > norms[0])
    ((20,), True)
    """
    if not isinstance(model, keras.Model):
        msg = f"`model` must be a keras Model. Received: model={type(model).__name__}"
        raise TypeError(msg)
    for name, value in (("inputs", inputs), ("targets", targets)):
        if not isinstance(value, np.ndarray) or not np.issubdtype(value.dtype, np.number):
            msg = f"`{name}` must be a numeric numpy array. Received: {name}={type(value).__name__}"
            raise TypeError(msg)
    if inputs.ndim != 3:
        msg = f"`inputs` must have shape (batch, steps, features). Received: inputs.shape={inputs.shape}"
        raise ValueError(msg)
    if len(targets) != len(inputs):
        msg = (
            f"`targets` must have one row per sequence ({len(inputs)}). "
            f"Received: targets.shape={targets.shape}"
        )
        raise ValueError(msg)
    x = tf.convert_to_tensor(inputs, dtype=tf.float32)
    y = tf.reshape(tf.convert_to_tensor(targets, dtype=tf.float32), (len(targets), -1))
    with tf.GradientTape() as tape:
        tape.watch(x)
        outputs = tf.reshape(model(x, training=False), tf.shape(y))
        loss = tf.reduce_mean(tf.square(outputs - y))
    gradient = tape.gradient(loss, x).numpy().astype(np.float64)
    return np.linalg.norm(gradient, axis=-1).mean(axis=0)
