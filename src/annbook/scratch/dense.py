"""Artificial neurons and dense networks in NumPy, written out to be read.

The perceptron learns with Rosenblatt's rule; the two-layer network computes
its forward pass and, by the chain rule, the gradient of its loss, which the
chapter "Artificial neurons and networks" checks against TensorFlow's
automatic differentiation on the same weights.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from annbook._numerics import ACTIVATIONS, EPSILON, TRAINABLE_ACTIVATIONS, sigmoid
from annbook._validation import (
    check_array,
    check_choice,
    check_int,
    check_positive_float,
    check_real,
    check_seed,
    check_shape,
)

__all__ = [
    "PerceptronFit",
    "activation",
    "activation_derivative",
    "init_two_layer",
    "perceptron_predict",
    "train_perceptron",
    "train_two_layer",
    "two_layer_backward",
    "two_layer_forward",
    "two_layer_loss",
]


def _activate(name: str, z: np.ndarray) -> np.ndarray:
    if name == "step":
        return (z >= 0).astype(np.result_type(z, np.float64))
    if name == "sigmoid":
        return sigmoid(z)
    if name == "tanh":
        return np.tanh(z)
    if name == "relu":
        return np.maximum(z, 0.0)
    return z.astype(np.result_type(z, np.float64))


def _derivative(name: str, z: np.ndarray) -> np.ndarray:
    if name == "step":
        return np.zeros_like(z, dtype=np.result_type(z, np.float64))
    if name == "sigmoid":
        s = sigmoid(z)
        return s * (1 - s)
    if name == "tanh":
        return 1 - np.tanh(z) ** 2
    if name == "relu":
        return (z > 0).astype(np.result_type(z, np.float64))
    return np.ones_like(z, dtype=np.result_type(z, np.float64))


def activation(name: str, z: np.ndarray) -> np.ndarray:
    """Apply an activation function elementwise.

    ``"step"`` is the perceptron's threshold (1 where ``z >= 0``, else 0),
    ``"sigmoid"`` is :math:`1 / (1 + e^{-z})` (computed without overflow),
    ``"tanh"`` the hyperbolic tangent, ``"relu"`` :math:`\\max(0, z)` and
    ``"linear"`` the identity. These are the names the Keras builders of
    :mod:`annbook.models` take too (all but ``"step"``).

    Parameters
    ----------
    name : {"step", "sigmoid", "tanh", "relu", "linear"}
        The activation function.
    z : numpy.ndarray
        Pre-activations (weighted sums plus bias).

    Returns
    -------
    numpy.ndarray
        The activations, same shape as ``z``.

    Raises
    ------
    TypeError
        If ``name`` is not a str or ``z`` not an array of numbers.
    ValueError
        If ``name`` is not one of the choices.

    Notes
    -----
    Introduced in the chapter "Artificial neurons and networks".

    Examples
    --------
    >>> import numpy as np
    >>> from annbook.scratch.dense import activation
    >>> z = np.array([-2.0, 0.0, 2.0])
    >>> activation("step", z), activation("relu", z)
    (array([0., 1., 1.]), array([0., 0., 2.]))
    >>> activation("sigmoid", z).round(3)
    array([0.119, 0.5  , 0.881])
    """
    name = check_choice("name", name, ACTIVATIONS)
    z = check_array("z", z, dtype="number")
    return _activate(name, z)


def activation_derivative(name: str, z: np.ndarray) -> np.ndarray:
    """Return the derivative of an activation function at ``z``, elementwise.

    Sigmoid: :math:`\\sigma(z)(1 - \\sigma(z))`, at most 1/4. Tanh:
    :math:`1 - \\tanh^2 z`, at most 1. ReLU: 1 for ``z > 0``, else 0 (the
    value 0 at ``z = 0`` is the convention Keras uses too). Step: 0
    everywhere it is defined, which is why a step neuron cannot be trained
    by gradient descent. Linear: 1.

    Parameters
    ----------
    name : {"step", "sigmoid", "tanh", "relu", "linear"}
        The activation function.
    z : numpy.ndarray
        Pre-activations.

    Returns
    -------
    numpy.ndarray
        The derivatives, same shape as ``z``.

    Raises
    ------
    TypeError
        If ``name`` is not a str or ``z`` not an array of numbers.
    ValueError
        If ``name`` is not one of the choices.

    Notes
    -----
    Introduced in the chapter "Artificial neurons and networks".

    Examples
    --------
    >>> import numpy as np
    >>> from annbook.scratch.dense import activation_derivative
    >>> z = np.array([-2.0, 0.0, 2.0])
    >>> activation_derivative("sigmoid", z).round(3)
    array([0.105, 0.25 , 0.105])
    >>> activation_derivative("relu", z)
    array([0., 0., 1.])
    """
    name = check_choice("name", name, ACTIVATIONS)
    z = check_array("z", z, dtype="number")
    return _derivative(name, z)


# -- The perceptron ---------------------------------------------------------------------------


class PerceptronFit(NamedTuple):
    """What :func:`train_perceptron` learned, and how.

    A named tuple of four fields: ``weights``, the final weights (an array
    of shape (n_features,)); ``bias``, the final bias (a float); ``errors``,
    the number of misclassified examples in each epoch (a list of int); and
    ``history``, the ``(weights, bias)`` pair at the start and after each
    epoch.
    """

    weights: np.ndarray
    bias: float
    errors: list[int]
    history: list[tuple[np.ndarray, float]]


def _check_binary_data(x: object, y: object) -> tuple[np.ndarray, np.ndarray]:
    x = check_array("x", x, ndim=2, dtype="number", finite=True)
    y = check_array("y", y, ndim=1)
    if len(x) == 0 or len(y) != len(x):
        msg = (
            f"`y` must have one label per row of `x` (and x at least one row). "
            f"Received: x.shape={x.shape}, y.shape={y.shape}"
        )
        raise ValueError(msg)
    if not np.isin(y, (0, 1)).all():
        msg = f"`y` must hold labels 0 and 1 only. Received: unique(y)={np.unique(y)[:5].tolist()}"
        raise ValueError(msg)
    return x.astype(np.float64), y.astype(np.float64)


def perceptron_predict(x: np.ndarray, *, weights: np.ndarray, bias: float) -> np.ndarray:
    """Classify with a perceptron: 1 where :math:`w^\\top x + b \\ge 0`, else 0.

    Parameters
    ----------
    x : numpy.ndarray
        Inputs of shape (n, n_features).
    weights : numpy.ndarray
        Weights of shape (n_features,).
    bias : float
        The bias (minus the threshold).

    Returns
    -------
    numpy.ndarray
        Integer labels 0 or 1, shape (n,).

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If the shapes do not match.

    Notes
    -----
    Introduced in the chapter "Artificial neurons and networks".

    Examples
    --------
    >>> import numpy as np
    >>> from annbook.scratch.dense import perceptron_predict
    >>> x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    >>> perceptron_predict(x, weights=np.array([1.0, 1.0]), bias=-1.5)  # AND
    array([0, 0, 0, 1])
    """
    x = check_array("x", x, ndim=2, dtype="number", finite=True)
    weights = check_array("weights", weights, ndim=1, dtype="number", finite=True)
    if weights.shape[0] != x.shape[1]:
        msg = (
            f"`weights` must have one entry per column of `x` ({x.shape[1]}). "
            f"Received: weights.shape={weights.shape}"
        )
        raise ValueError(msg)
    bias = check_real("bias", bias)
    return (x @ weights + bias >= 0).astype(int)


def train_perceptron(
    x: np.ndarray,
    y: np.ndarray,
    *,
    learning_rate: float = 1.0,
    epochs: int = 20,
    seed: int | None = None,
) -> PerceptronFit:
    """Train a perceptron with Rosenblatt's learning rule.

    Starting from zero weights and bias, go through the examples (in the
    order given, or in a new random order each epoch if ``seed`` is set);
    for each one predict :math:`\\hat y = [w^\\top x + b \\ge 0]` and update

    .. math:: w \\leftarrow w + \\eta (y - \\hat y) x, \\qquad
              b \\leftarrow b + \\eta (y - \\hat y),

    which changes nothing when the prediction is right. Training stops after
    the first epoch without a mistake, or after ``epochs`` epochs. If the
    two classes are linearly separable, the perceptron convergence theorem
    (Novikoff, 1962) guarantees that such an epoch comes.

    Parameters
    ----------
    x : numpy.ndarray
        Inputs of shape (n, n_features).
    y : numpy.ndarray
        Labels 0 or 1, shape (n,).
    learning_rate : float, default=1.0
        The step :math:`\\eta` (> 0).
    epochs : int, default=20
        Most passes over the data.
    seed : int or None, default=None
        None: visit the examples in the order of ``x`` in every epoch. An
        int: shuffle them before every epoch, with NumPy's generator seeded
        by it. On data that are not separable the final weights depend on
        this order.

    Returns
    -------
    PerceptronFit
        Final weights and bias, mistakes per epoch, and the weights after
        every epoch (to draw the boundary as it learns).

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If an argument is out of range, the shapes do not match, ``x``
        holds NaN or infinity, or ``y`` holds labels other than 0 and 1.

    Notes
    -----
    Introduced in the chapter "Artificial neurons and networks".

    Examples
    --------
    >>> import numpy as np
    >>> from annbook.scratch.dense import train_perceptron
    >>> x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    >>> fit = train_perceptron(x, np.array([0, 0, 0, 1]))  # AND is separable
    >>> fit.errors[-1], fit.weights, fit.bias
    (0, array([2., 1.]), -3.0)
    >>> train_perceptron(x, np.array([0, 0, 0, 1]), seed=0).errors[-1]  # shuffled
    0
    """
    x, y = _check_binary_data(x, y)
    learning_rate = check_positive_float("learning_rate", learning_rate)
    epochs = check_int("epochs", epochs)
    rng = None if seed is None else np.random.default_rng(check_seed("seed", seed))

    weights, bias = np.zeros(x.shape[1]), 0.0
    errors: list[int] = []
    history = [(weights.copy(), bias)]
    for _ in range(epochs):
        mistakes = 0
        order = np.arange(len(x)) if rng is None else rng.permutation(len(x))
        for xi, yi in zip(x[order], y[order], strict=True):
            update = learning_rate * (yi - float(xi @ weights + bias >= 0))
            if update != 0:
                weights += update * xi
                bias += float(update)
                mistakes += 1
        errors.append(mistakes)
        history.append((weights.copy(), bias))
        if mistakes == 0:
            break
    return PerceptronFit(weights, bias, errors, history)


# -- A two-layer network ----------------------------------------------------------------------


def _check_params(params: object, argument: str = "params") -> dict[str, np.ndarray]:
    names = ("W1", "b1", "W2", "b2")
    if not isinstance(params, dict) or sorted(params) != sorted(names):
        got = sorted(params) if isinstance(params, dict) else type(params).__name__
        msg = f"`{argument}` must be a dict with keys {list(names)}. Received: {argument}={got}"
        raise TypeError(msg)
    w1, b1, w2, b2 = (check_array(f"{argument}['{n}']", params[n], dtype="number") for n in names)
    if not (
        w1.ndim == 2
        and w2.ndim == 2
        and b1.shape == (w1.shape[1],)
        and w2.shape[0] == w1.shape[1]
        and b2.shape == (w2.shape[1],)
    ):
        shapes = ", ".join(f"{argument}['{n}'].shape={params[n].shape}" for n in names)
        msg = f"`{argument}` must hold W1 (d, h), b1 (h,), W2 (h, k), b2 (k,). Received: {shapes}"
        raise ValueError(msg)
    return params


def _check_hidden_units(hidden_units: object) -> int:
    """Return the width of the one hidden layer that ``hidden_units`` names."""
    if isinstance(hidden_units, str | bytes) or not isinstance(hidden_units, Sequence):
        msg = (
            "`hidden_units` must be a sequence of one positive integer, the width of "
            f"the one hidden layer. Received: hidden_units={hidden_units!r}"
        )
        raise TypeError(msg)
    if len(hidden_units) != 1:
        msg = (
            "`hidden_units` must name exactly one hidden layer in a two-layer network. "
            f"Received: hidden_units={hidden_units!r}"
        )
        raise ValueError(msg)
    return check_int("hidden_units[0]", hidden_units[0])


def init_two_layer(
    *, input_shape: tuple[int], hidden_units: Sequence[int], num_outputs: int = 1, seed: int = 0
) -> dict[str, np.ndarray]:
    """Draw the weights of a two-layer network as Keras would (Glorot uniform).

    Each weight matrix is drawn uniformly from
    :math:`[-\\ell, \\ell]` with :math:`\\ell = \\sqrt{6 / (n_{in} + n_{out})}`
    (Glorot and Bengio, 2010), the biases start at zero, all in float64.
    Weight matrices are stored (inputs, outputs), the layout of a Keras
    ``Dense`` kernel, so ``x @ W1 + b1`` is the first layer. The arguments
    are those of :func:`annbook.models.build_mlp` for the same network.

    Parameters
    ----------
    input_shape : tuple of 1 int
        Shape of one input example, ``(n_features,)``.
    hidden_units : sequence of 1 int
        Width of the one hidden layer, as a sequence: ``(4,)``.
    num_outputs : int, default=1
        Output units.
    seed : int, default=0
        Seed of NumPy's generator (non-negative).

    Returns
    -------
    dict of str to numpy.ndarray
        ``W1`` (n_features, hidden), ``b1`` (hidden,), ``W2``
        (hidden, num_outputs) and ``b2`` (num_outputs,).

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
    >>> from annbook.scratch.dense import init_two_layer
    >>> params = init_two_layer(input_shape=(2,), hidden_units=(3,))
    >>> {name: value.shape for name, value in params.items()}
    {'W1': (2, 3), 'b1': (3,), 'W2': (3, 1), 'b2': (1,)}
    """
    (n_features,) = check_shape("input_shape", input_shape, ndim=1)
    hidden = _check_hidden_units(hidden_units)
    num_outputs = check_int("num_outputs", num_outputs)
    seed = check_seed("seed", seed)
    rng = np.random.default_rng(seed)

    def glorot(fan_in: int, fan_out: int) -> np.ndarray:
        limit = np.sqrt(6 / (fan_in + fan_out))
        return rng.uniform(-limit, limit, size=(fan_in, fan_out))

    return {
        "W1": glorot(n_features, hidden),
        "b1": np.zeros(hidden),
        "W2": glorot(hidden, num_outputs),
        "b2": np.zeros(num_outputs),
    }


def two_layer_forward(
    x: np.ndarray, params: dict[str, np.ndarray], *, activation: str = "tanh"
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Run the forward pass of a two-layer network with a sigmoid output.

    .. math:: Z_1 = X W_1 + b_1,\\quad H = \\varphi(Z_1),\\quad
              Z_2 = H W_2 + b_2,\\quad P = \\sigma(Z_2).

    Parameters
    ----------
    x : numpy.ndarray
        Inputs of shape (n, n_features).
    params : dict of str to numpy.ndarray
        Weights as :func:`init_two_layer` returns them.
    activation : {"tanh", "sigmoid", "relu", "linear"}, default="tanh"
        The hidden layer's activation :math:`\\varphi`.

    Returns
    -------
    probabilities : numpy.ndarray
        :math:`P`, shape (n, num_outputs), each in (0, 1).
    cache : dict of str to numpy.ndarray
        ``x``, ``z1``, ``h``, ``z2``, ``p`` and the activation's name: what
        :func:`two_layer_backward` needs.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If the shapes do not match or the activation is not one of the choices.

    Notes
    -----
    Introduced in the chapter "Artificial neurons and networks".

    Examples
    --------
    >>> import numpy as np
    >>> from annbook.scratch.dense import init_two_layer, two_layer_forward
    >>> params = init_two_layer(input_shape=(2,), hidden_units=(3,))
    >>> p, cache = two_layer_forward(np.zeros((4, 2)), params)
    >>> p.ravel()  # zero inputs and zero biases give sigmoid(0)
    array([0.5, 0.5, 0.5, 0.5])
    """
    params = _check_params(params)
    x = check_array("x", x, ndim=2, dtype="number")
    if x.shape[1] != params["W1"].shape[0]:
        msg = (
            f"`x` must have {params['W1'].shape[0]} columns, the rows of W1. "
            f"Received: x.shape={x.shape}"
        )
        raise ValueError(msg)
    activation = check_choice("activation", activation, TRAINABLE_ACTIVATIONS)
    return _forward(x, params, activation)


def _forward(
    x: np.ndarray, params: dict[str, np.ndarray], activation: str
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """The forward pass of :func:`two_layer_forward`, on arguments already checked."""
    z1 = x @ params["W1"] + params["b1"]
    h = _activate(activation, z1)
    z2 = h @ params["W2"] + params["b2"]
    p = sigmoid(z2)
    cache = {"x": x, "z1": z1, "h": h, "z2": z2, "p": p, "activation": activation}
    return p, cache


def _check_targets(y: object, p: np.ndarray) -> np.ndarray:
    y = check_array("y", y)
    if y.ndim == 1:
        y = y[:, None]
    if y.shape != p.shape:
        msg = f"`y` must match the outputs' shape {p.shape}. Received: y.shape={y.shape}"
        raise ValueError(msg)
    return y.astype(np.float64)


def two_layer_loss(p: np.ndarray, y: np.ndarray) -> float:
    """Mean binary cross-entropy of probabilities ``p`` against 0/1 targets ``y``.

    .. math:: L = -\\frac{1}{nk} \\sum_{i,j} \\left[y_{ij} \\log p_{ij}
              + (1 - y_{ij}) \\log (1 - p_{ij})\\right]

    It is what Keras' ``"binary_crossentropy"`` computes, averaged over the
    examples and the outputs.

    Parameters
    ----------
    p : numpy.ndarray
        Probabilities in (0, 1), shape (n, k).
    y : numpy.ndarray
        Targets 0 or 1, shape (n, k), or (n,) when k = 1.

    Returns
    -------
    float
        The loss.

    Raises
    ------
    TypeError
        If an argument is not an array, or ``p`` not numeric.
    ValueError
        If the shapes do not match, ``p`` is empty, or holds a value outside
        [0, 1].

    Notes
    -----
    As in Keras, ``p`` is clipped to ``[1e-7, 1 - 1e-7]`` first, so that a
    probability of exactly 0 or 1 gives a large loss, not an infinite one.
    Introduced in the chapter "Artificial neurons and networks".

    Examples
    --------
    >>> import numpy as np
    >>> from annbook.scratch.dense import two_layer_loss
    >>> round(two_layer_loss(np.full((2, 1), 0.5), np.array([0, 1])), 4)  # log 2
    0.6931
    """
    p = check_array("p", p, ndim=2, dtype="number", nonempty=True)
    outside = (p < 0) | (p > 1) | np.isnan(p)
    if outside.any():
        first = tuple(int(i) for i in np.argwhere(outside)[0])
        msg = (
            "`p` must hold probabilities in [0, 1]. "
            f"Received: p[{', '.join(map(str, first))}]={p[first].item()!r}"
        )
        raise ValueError(msg)
    return _loss(p, _check_targets(y, p))


def _loss(p: np.ndarray, y: np.ndarray) -> float:
    """The loss of :func:`two_layer_loss`, on arguments already checked (``y`` 2-D)."""
    # As Keras does, keep p off 0 and 1, where log(p) or log(1 - p) is infinite.
    p = np.clip(p, EPSILON, 1 - EPSILON)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log1p(-p)))


def two_layer_backward(
    cache: dict[str, np.ndarray], y: np.ndarray, params: dict[str, np.ndarray]
) -> dict[str, np.ndarray]:
    """Backpropagate the mean binary cross-entropy through the two-layer network.

    With a sigmoid output and cross-entropy loss the error at the output's
    pre-activation is simply :math:`\\delta_2 = (P - Y) / (nk)`; the chain
    rule then gives

    .. math:: \\frac{\\partial L}{\\partial W_2} = H^\\top \\delta_2,\\quad
              \\frac{\\partial L}{\\partial b_2} = \\textstyle\\sum_i \\delta_2,\\quad
              \\delta_1 = (\\delta_2 W_2^\\top) \\odot \\varphi'(Z_1),\\quad
              \\frac{\\partial L}{\\partial W_1} = X^\\top \\delta_1,\\quad
              \\frac{\\partial L}{\\partial b_1} = \\textstyle\\sum_i \\delta_1.

    Parameters
    ----------
    cache : dict
        The cache :func:`two_layer_forward` returned.
    y : numpy.ndarray
        Targets 0 or 1, shape (n, k), or (n,) when k = 1.
    params : dict of str to numpy.ndarray
        The weights the forward pass used.

    Returns
    -------
    dict of str to numpy.ndarray
        Gradients ``W1``, ``b1``, ``W2``, ``b2``, each the shape of its weight.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If the shapes do not match.

    Notes
    -----
    Introduced in the chapter "Artificial neurons and networks".

    Examples
    --------
    >>> import numpy as np
    >>> from annbook.scratch.dense import (init_two_layer, two_layer_backward,
    ...                                    two_layer_forward)
    >>> params = init_two_layer(input_shape=(2,), hidden_units=(3,))
    >>> x, y = np.array([[0.0, 1.0], [1.0, 0.0]]), np.array([1, 0])
    >>> _, cache = two_layer_forward(x, params)
    >>> grads = two_layer_backward(cache, y, params)
    >>> {name: g.shape for name, g in grads.items()}
    {'W1': (2, 3), 'b1': (3,), 'W2': (3, 1), 'b2': (1,)}
    """
    params = _check_params(params)
    if not isinstance(cache, dict) or not {"x", "z1", "h", "p", "activation"} <= set(cache):
        msg = "`cache` must be the dict two_layer_forward returned. Received: cache=" + (
            f"{sorted(cache)}" if isinstance(cache, dict) else type(cache).__name__
        )
        raise TypeError(msg)
    if cache["z1"].shape[1] != params["W2"].shape[0]:
        msg = (
            f"`params` must be the weights of the forward pass, whose hidden layer had "
            f"{cache['z1'].shape[1]} units. Received: params['W2'].shape={params['W2'].shape}"
        )
        raise ValueError(msg)
    return _backward(cache, _check_targets(y, cache["p"]), params)


def _backward(
    cache: dict[str, np.ndarray], y: np.ndarray, params: dict[str, np.ndarray]
) -> dict[str, np.ndarray]:
    """The gradients of :func:`two_layer_backward`, on arguments already checked (``y`` 2-D)."""
    p = cache["p"]
    delta2 = (p - y) / p.size
    delta1 = (delta2 @ params["W2"].T) * _derivative(cache["activation"], cache["z1"])
    return {
        "W1": cache["x"].T @ delta1,
        "b1": delta1.sum(axis=0),
        "W2": cache["h"].T @ delta2,
        "b2": delta2.sum(axis=0),
    }


def train_two_layer(
    x: np.ndarray,
    y: np.ndarray,
    *,
    hidden_units: Sequence[int] = (4,),
    activation: str = "tanh",
    learning_rate: float = 1.0,
    epochs: int = 2000,
    batch_size: int | None = None,
    seed: int = 0,
    init: dict[str, np.ndarray] | None = None,
) -> tuple[dict[str, np.ndarray], list[float]]:
    """Train a two-layer network by gradient descent, on full batches or mini-batches.

    Draws the weights with :func:`init_two_layer` (or starts from ``init``),
    then repeats forward pass, backward pass and the step
    :math:`\\theta \\leftarrow \\theta - \\eta\\, \\partial L / \\partial \\theta`
    for every weight: once per epoch on all the data, or, with
    ``batch_size``, once per mini-batch of a new random order of the
    examples each epoch (stochastic gradient descent).

    Parameters
    ----------
    x : numpy.ndarray
        Inputs of shape (n, n_features).
    y : numpy.ndarray
        Labels 0 or 1, shape (n,).
    hidden_units : sequence of 1 int, default=(4,)
        Width of the one hidden layer, as a sequence.
    activation : {"tanh", "sigmoid", "relu", "linear"}, default="tanh"
        The hidden layer's activation.
    learning_rate : float, default=1.0
        The step :math:`\\eta` (> 0).
    epochs : int, default=2000
        Passes over the data.
    batch_size : int or None, default=None
        None: one step per epoch, on the gradient over all examples. An int:
        one step per mini-batch of that many examples (the last one may be
        smaller).
    seed : int, default=0
        Seed of the initial weights and of the mini-batches' order.
    init : dict of str to numpy.ndarray, default=None
        Weights to start from, as :func:`init_two_layer` returns them, with
        a hidden layer of ``hidden_units`` units; they are copied, not
        changed. None: draw them from ``seed``.

    Returns
    -------
    params : dict of str to numpy.ndarray
        The trained weights.
    losses : list of float
        The loss over all examples at the start of each epoch.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If an argument is out of range, ``x`` holds NaN or infinity, or the
        data are not binary-labelled.

    Notes
    -----
    Introduced in the chapter "Artificial neurons and networks".

    Examples
    --------
    >>> import numpy as np
    >>> from annbook.scratch.dense import train_two_layer, two_layer_forward
    >>> x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    >>> y = np.array([0, 1, 1, 0])  # XOR
    >>> params, losses = train_two_layer(x, y, hidden_units=(3,), epochs=1000)
    >>> p, _ = two_layer_forward(x.astype(float), params)
    >>> (p.ravel() > 0.5).astype(int)
    array([0, 1, 1, 0])
    """
    x, y = _check_binary_data(x, y)
    hidden = _check_hidden_units(hidden_units)
    activation = check_choice("activation", activation, TRAINABLE_ACTIVATIONS)
    learning_rate = check_positive_float("learning_rate", learning_rate)
    epochs = check_int("epochs", epochs)
    batch_size = len(x) if batch_size is None else check_int("batch_size", batch_size)
    seed = check_seed("seed", seed)
    if init is None:
        params = init_two_layer(input_shape=(x.shape[1],), hidden_units=(hidden,), seed=seed)
    else:
        init = _check_params(init, "init")
        params = {name: value.astype(np.float64) for name, value in init.items()}
        if params["W1"].shape != (x.shape[1], hidden) or params["W2"].shape[1] != 1:
            msg = (
                f"`init` must hold W1 of shape {(x.shape[1], hidden)} and one output. "
                f"Received: init['W1'].shape={params['W1'].shape}, "
                f"init['W2'].shape={params['W2'].shape}"
            )
            raise ValueError(msg)
    rng = np.random.default_rng(seed)

    targets = y[:, None]

    def step(cache: dict[str, np.ndarray], batch_targets: np.ndarray) -> None:
        for name, grad in _backward(cache, batch_targets, params).items():
            params[name] = params[name] - learning_rate * grad

    losses = []
    for _ in range(epochs):
        p, cache = _forward(x, params, activation)
        losses.append(_loss(p, targets))
        if batch_size >= len(x):  # full batch: the forward pass above serves the step
            step(cache, targets)
            continue
        order = rng.permutation(len(x))
        for start in range(0, len(x), batch_size):
            batch = order[start : start + batch_size]
            step(_forward(x[batch], params, activation)[1], targets[batch])
    return params, losses
