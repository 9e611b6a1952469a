"""Recurrent networks in NumPy: a simple RNN and an LSTM, one step at a time.

The weights have the shapes and layout of Keras' ``SimpleRNN`` and ``LSTM``
layers (``layer.get_weights()`` returns ``kernel``, ``recurrent_kernel``,
``bias`` in this order), so a chapter can copy a Keras layer's weights in and
compare the outputs. In the LSTM's weights the four gates sit side by side in
the order input ``i``, forget ``f``, candidate ``c``, output ``o``.
"""

from __future__ import annotations

import numpy as np

from annbook._numerics import sigmoid
from annbook._validation import check_array, check_bool

__all__ = [
    "lstm",
    "lstm_cell",
    "lstm_states",
    "simple_rnn",
    "simple_rnn_backward",
    "simple_rnn_cell",
]


def _weights(
    kernel: object, recurrent_kernel: object, bias: object, *, gates: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Check the three weight arrays against each other; return them and ``units``."""
    kernel = check_array("kernel", kernel, ndim=2, dtype="float", finite=True)
    recurrent_kernel = check_array(
        "recurrent_kernel", recurrent_kernel, ndim=2, dtype="float", finite=True
    )
    bias = check_array("bias", bias, ndim=1, dtype="float", finite=True)
    units = recurrent_kernel.shape[0]
    expected = (units, gates * units)
    if recurrent_kernel.shape != expected:
        msg = (
            f"`recurrent_kernel` must have shape (units, {gates} * units). "
            f"Received: recurrent_kernel.shape={recurrent_kernel.shape}"
        )
        raise ValueError(msg)
    if kernel.shape[1] != gates * units:
        msg = (
            f"`kernel` must have shape (features, {gates * units}) to match "
            f"`recurrent_kernel`. Received: kernel.shape={kernel.shape}"
        )
        raise ValueError(msg)
    if bias.shape != (gates * units,):
        msg = f"`bias` must have shape ({gates * units},). Received: bias.shape={bias.shape}"
        raise ValueError(msg)
    return kernel, recurrent_kernel, bias, units


def _state(name: str, value: object, *, batch: int, units: int) -> np.ndarray:
    if value is None:
        return np.zeros((batch, units))
    value = check_array(name, value, ndim=2, dtype="float", finite=True)
    if value.shape != (batch, units):
        msg = f"`{name}` must have shape ({batch}, {units}). Received: {name}.shape={value.shape}"
        raise ValueError(msg)
    return value


def _inputs(name: str, x: object, kernel: np.ndarray, *, ndim: int) -> np.ndarray:
    x = check_array(name, x, ndim=ndim, dtype="float", finite=True)
    if x.shape[-1] != kernel.shape[0]:
        msg = (
            f"The last axis of `{name}` must have one entry per row of `kernel` ({kernel.shape[0]}). "
            f"Received: {name}.shape={x.shape}"
        )
        raise ValueError(msg)
    return x


def simple_rnn_cell(
    x_t: np.ndarray,
    *,
    h_prev: np.ndarray | None = None,
    kernel: np.ndarray,
    recurrent_kernel: np.ndarray,
    bias: np.ndarray,
) -> np.ndarray:
    r"""One step of a simple RNN: :math:`h_t = \tanh(x_t W + h_{t-1} U + b)`.

    Parameters
    ----------
    x_t : numpy.ndarray
        Inputs at step t, shape (batch, features).
    h_prev : numpy.ndarray, default=None
        Hidden state after step t - 1, shape (batch, units); zeros if None.
    kernel : numpy.ndarray
        Input weights W, shape (features, units).
    recurrent_kernel : numpy.ndarray
        Recurrent weights U, shape (units, units).
    bias : numpy.ndarray
        Bias b, shape (units,).

    Returns
    -------
    numpy.ndarray
        The new hidden state h_t, shape (batch, units).

    Raises
    ------
    TypeError
        If an argument is not a float array.
    ValueError
        If the shapes do not fit together, or an array holds NaN or infinity.

    Notes
    -----
    Introduced in the chapter "Recurrent neural networks".

    Examples
    --------
    >>> import numpy as np
    >>> from annbook.scratch.recurrent import simple_rnn_cell
    >>> W, U, b = np.ones((2, 3)), np.zeros((3, 3)), np.zeros(3)
    >>> simple_rnn_cell(np.array([[0.5, 0.5]]), kernel=W, recurrent_kernel=U, bias=b).round(4)
    array([[0.7616, 0.7616, 0.7616]])
    """
    kernel, recurrent_kernel, bias, units = _weights(kernel, recurrent_kernel, bias, gates=1)
    x_t = _inputs("x_t", x_t, kernel, ndim=2)
    h_prev = _state("h_prev", h_prev, batch=len(x_t), units=units)
    return np.tanh(x_t @ kernel + h_prev @ recurrent_kernel + bias)


def simple_rnn(
    x: np.ndarray,
    *,
    kernel: np.ndarray,
    recurrent_kernel: np.ndarray,
    bias: np.ndarray,
    return_sequences: bool = False,
) -> np.ndarray:
    """Run :func:`simple_rnn_cell` over a batch of sequences, from a zero state.

    This is what ``keras.layers.SimpleRNN(units)`` computes, with its
    default ``tanh`` activation.

    Parameters
    ----------
    x : numpy.ndarray
        Input sequences, shape (batch, steps, features).
    kernel, recurrent_kernel, bias : numpy.ndarray
        The weights, as in :func:`simple_rnn_cell`.
    return_sequences : bool, default=False
        Return the hidden state after every step, not only after the last.

    Returns
    -------
    numpy.ndarray
        Shape (batch, units), or (batch, steps, units) with
        ``return_sequences=True``.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If the shapes do not fit together, or an array holds NaN or infinity.

    Notes
    -----
    Introduced in the chapter "Recurrent neural networks".

    Examples
    --------
    >>> import numpy as np
    >>> from annbook.scratch.recurrent import simple_rnn
    >>> rng = np.random.default_rng(0)
    >>> W, U, b = rng.normal(size=(2, 4)), rng.normal(size=(4, 4)), np.zeros(4)
    >>> x = rng.normal(size=(5, 7, 2))
    >>> simple_rnn(x, kernel=W, recurrent_kernel=U, bias=b).shape
    (5, 4)
    >>> simple_rnn(x, kernel=W, recurrent_kernel=U, bias=b, return_sequences=True).shape
    (5, 7, 4)
    """
    kernel, recurrent_kernel, bias, _ = _weights(kernel, recurrent_kernel, bias, gates=1)
    x = _inputs("x", x, kernel, ndim=3)
    return_sequences = check_bool("return_sequences", return_sequences)
    h = None
    states = []
    for t in range(x.shape[1]):
        h = simple_rnn_cell(
            x[:, t], h_prev=h, kernel=kernel, recurrent_kernel=recurrent_kernel, bias=bias
        )
        states.append(h)
    return np.stack(states, axis=1) if return_sequences else states[-1]


def simple_rnn_backward(
    x: np.ndarray,
    *,
    kernel: np.ndarray,
    recurrent_kernel: np.ndarray,
    bias: np.ndarray,
    output_gradient: np.ndarray,
) -> dict[str, np.ndarray]:
    r"""Back-propagate through time: the gradients of a loss through :func:`simple_rnn`.

    ``output_gradient`` is the gradient of the loss with respect to what
    :func:`simple_rnn` returns: the last state :math:`h_T`, shape
    (batch, units), for a loss on the last step, or every state, shape
    (batch, steps, units), as with ``return_sequences=True``. Going back one
    step multiplies the gradient of the state, a row vector, by the Jacobian
    :math:`\partial h_t / \partial h_{t-1} = \operatorname{diag}(1 - h_t^2)\, U^\top`:

    .. math::

        \delta_t = \frac{\partial L}{\partial h_t}, \qquad
        \varepsilon_t = \delta_t \odot (1 - h_t^2), \qquad
        \delta_{t-1} = \varepsilon_t U^\top ,

    plus, for a loss on every step, the loss's own gradient at step t - 1.
    The weights, used at every step, get the sum of one term per step:

    .. math::

        \frac{\partial L}{\partial W} = \sum_t x_t^\top \varepsilon_t, \quad
        \frac{\partial L}{\partial U} = \sum_t h_{t-1}^\top \varepsilon_t, \quad
        \frac{\partial L}{\partial b} = \sum_t \varepsilon_t, \quad
        \frac{\partial L}{\partial x_t} = \varepsilon_t W^\top .

    The sums also run over the batch: ``output_gradient`` already holds each
    example's share of the loss (divided by the batch size for a mean).

    Parameters
    ----------
    x : numpy.ndarray
        Input sequences, shape (batch, steps, features), at least one step.
    kernel, recurrent_kernel, bias : numpy.ndarray
        The weights, as in :func:`simple_rnn_cell`.
    output_gradient : numpy.ndarray
        The gradient of the loss with respect to the last state, shape
        (batch, units), or to every state, shape (batch, steps, units).

    Returns
    -------
    dict of str to numpy.ndarray
        The gradients ``"kernel"``, ``"recurrent_kernel"`` and ``"bias"``,
        each the shape of its weight, and ``"x"``, the shape of ``x``.

    Raises
    ------
    TypeError
        If an argument is not a float array.
    ValueError
        If the shapes do not fit together, ``x`` has no step, or an array
        holds NaN or infinity.

    Notes
    -----
    Introduced in the chapter "Recurrent neural networks". The method is
    Werbos' back-propagation through time (Proc. IEEE 78(10), 1990).

    Examples
    --------
    >>> import numpy as np
    >>> from annbook.scratch.recurrent import simple_rnn_backward
    >>> W, U, b = np.ones((1, 2)), np.zeros((2, 2)), np.zeros(2)
    >>> x = np.array([[[0.5], [1.0]]])  # one sequence of two steps
    >>> gradients = simple_rnn_backward(x, kernel=W, recurrent_kernel=U, bias=b,
    ...                                 output_gradient=np.ones((1, 2)))
    >>> {name: g.shape for name, g in gradients.items()}
    {'kernel': (1, 2), 'recurrent_kernel': (2, 2), 'bias': (2,), 'x': (1, 2, 1)}
    >>> gradients["x"][0, :, 0].round(4)  # U = 0: the first step cannot reach h_T
    array([0.    , 0.8399])
    """
    kernel, recurrent_kernel, bias, units = _weights(kernel, recurrent_kernel, bias, gates=1)
    x = _inputs("x", x, kernel, ndim=3)
    batch, steps = x.shape[:2]
    if steps == 0:
        msg = f"`x` must have at least one step. Received: x.shape={x.shape}"
        raise ValueError(msg)
    output_gradient = check_array(
        "output_gradient", output_gradient, ndim=(2, 3), dtype="float", finite=True
    )
    every_step = output_gradient.ndim == 3
    expected = (batch, steps, units) if every_step else (batch, units)
    if output_gradient.shape != expected:
        msg = (
            f"`output_gradient` must have the shape of the states it is the gradient of, "
            f"{expected}. Received: output_gradient.shape={output_gradient.shape}"
        )
        raise ValueError(msg)
    h = simple_rnn(
        x, kernel=kernel, recurrent_kernel=recurrent_kernel, bias=bias, return_sequences=True
    )
    h_prev = np.concatenate([np.zeros_like(h[:, :1]), h[:, :-1]], axis=1)
    gradients = {
        "kernel": np.zeros(kernel.shape),
        "recurrent_kernel": np.zeros(recurrent_kernel.shape),
        "bias": np.zeros(bias.shape),
        "x": np.zeros(x.shape),
    }
    delta = np.zeros((batch, units)) if every_step else output_gradient
    for t in reversed(range(steps)):
        if every_step:
            delta = delta + output_gradient[:, t]
        epsilon = delta * (1 - h[:, t] ** 2)  # the gradient of x_t W + h_{t-1} U + b
        gradients["kernel"] += x[:, t].T @ epsilon
        gradients["recurrent_kernel"] += h_prev[:, t].T @ epsilon
        gradients["bias"] += epsilon.sum(axis=0)
        gradients["x"][:, t] = epsilon @ kernel.T
        delta = epsilon @ recurrent_kernel.T
    return gradients


def lstm_cell(
    x_t: np.ndarray,
    *,
    h_prev: np.ndarray | None = None,
    c_prev: np.ndarray | None = None,
    kernel: np.ndarray,
    recurrent_kernel: np.ndarray,
    bias: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    r"""One step of an LSTM, in the gate order of Keras: i, f, c, o.

    .. math::

        i_t &= \sigma(x_t W_i + h_{t-1} U_i + b_i), \quad
        f_t = \sigma(x_t W_f + h_{t-1} U_f + b_f), \\
        \tilde c_t &= \tanh(x_t W_c + h_{t-1} U_c + b_c), \quad
        o_t = \sigma(x_t W_o + h_{t-1} U_o + b_o), \\
        c_t &= f_t \odot c_{t-1} + i_t \odot \tilde c_t, \quad
        h_t = o_t \odot \tanh(c_t).

    Parameters
    ----------
    x_t : numpy.ndarray
        Inputs at step t, shape (batch, features).
    h_prev, c_prev : numpy.ndarray, default=None
        Hidden and cell state after step t - 1, shape (batch, units); zeros
        if None.
    kernel : numpy.ndarray
        Input weights ``[W_i W_f W_c W_o]``, shape (features, 4 * units).
    recurrent_kernel : numpy.ndarray
        Recurrent weights ``[U_i U_f U_c U_o]``, shape (units, 4 * units).
    bias : numpy.ndarray
        Biases ``[b_i b_f b_c b_o]``, shape (4 * units,).

    Returns
    -------
    h_t, c_t : numpy.ndarray
        The new hidden state and cell state, each (batch, units).

    Raises
    ------
    TypeError
        If an argument is not a float array.
    ValueError
        If the shapes do not fit together, or an array holds NaN or infinity.

    Notes
    -----
    Introduced in the chapter "Long short-term memory".

    Examples
    --------
    >>> import numpy as np
    >>> from annbook.scratch.recurrent import lstm_cell
    >>> W, U, b = np.zeros((1, 8)), np.zeros((2, 8)), np.zeros(8)
    >>> b[2:4] = 10.0  # forget gate open: the cell keeps its state
    >>> h, c = lstm_cell(np.ones((1, 1)), c_prev=np.ones((1, 2)),
    ...                  kernel=W, recurrent_kernel=U, bias=b)
    >>> c.round(4), h.round(4)
    (array([[1., 1.]]), array([[0.3808, 0.3808]]))
    """
    kernel, recurrent_kernel, bias, units = _weights(kernel, recurrent_kernel, bias, gates=4)
    x_t = _inputs("x_t", x_t, kernel, ndim=2)
    h_prev = _state("h_prev", h_prev, batch=len(x_t), units=units)
    c_prev = _state("c_prev", c_prev, batch=len(x_t), units=units)
    step = _lstm_step(
        x_t, h_prev, c_prev, kernel=kernel, recurrent_kernel=recurrent_kernel, bias=bias
    )
    return step["h"], step["c"]


def _lstm_step(
    x_t: np.ndarray,
    h_prev: np.ndarray,
    c_prev: np.ndarray,
    *,
    kernel: np.ndarray,
    recurrent_kernel: np.ndarray,
    bias: np.ndarray,
) -> dict[str, np.ndarray]:
    """One LSTM step on checked arrays: every gate, the candidate and both states."""
    z = x_t @ kernel + h_prev @ recurrent_kernel + bias
    z_i, z_f, z_c, z_o = np.split(z, 4, axis=-1)
    i, f, o, c_tilde = sigmoid(z_i), sigmoid(z_f), sigmoid(z_o), np.tanh(z_c)
    c = f * c_prev + i * c_tilde
    return {"i": i, "f": f, "c_tilde": c_tilde, "o": o, "c": c, "h": o * np.tanh(c)}


def lstm(
    x: np.ndarray,
    *,
    kernel: np.ndarray,
    recurrent_kernel: np.ndarray,
    bias: np.ndarray,
    return_sequences: bool = False,
) -> np.ndarray:
    """Run :func:`lstm_cell` over a batch of sequences, from zero states.

    This is what ``keras.layers.LSTM(units)`` computes with its defaults
    (``tanh`` activation, ``sigmoid`` recurrent activation).

    Parameters
    ----------
    x : numpy.ndarray
        Input sequences, shape (batch, steps, features).
    kernel, recurrent_kernel, bias : numpy.ndarray
        The weights, as in :func:`lstm_cell`.
    return_sequences : bool, default=False
        Return the hidden state after every step, not only after the last.

    Returns
    -------
    numpy.ndarray
        Shape (batch, units), or (batch, steps, units) with
        ``return_sequences=True``.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If the shapes do not fit together, or an array holds NaN or infinity.

    Notes
    -----
    Introduced in the chapter "Long short-term memory".

    Examples
    --------
    >>> import numpy as np
    >>> from annbook.scratch.recurrent import lstm
    >>> rng = np.random.default_rng(0)
    >>> W, U, b = rng.normal(size=(2, 12)), rng.normal(size=(3, 12)), np.zeros(12)
    >>> x = rng.normal(size=(5, 7, 2))
    >>> lstm(x, kernel=W, recurrent_kernel=U, bias=b).shape
    (5, 3)
    >>> lstm(x, kernel=W, recurrent_kernel=U, bias=b, return_sequences=True).shape
    (5, 7, 3)
    """
    kernel, recurrent_kernel, bias, _ = _weights(kernel, recurrent_kernel, bias, gates=4)
    x = _inputs("x", x, kernel, ndim=3)
    return_sequences = check_bool("return_sequences", return_sequences)
    h = c = None
    states = []
    for t in range(x.shape[1]):
        h, c = lstm_cell(
            x[:, t], h_prev=h, c_prev=c, kernel=kernel, recurrent_kernel=recurrent_kernel, bias=bias
        )
        states.append(h)
    return np.stack(states, axis=1) if return_sequences else states[-1]


def lstm_states(
    x: np.ndarray,
    *,
    kernel: np.ndarray,
    recurrent_kernel: np.ndarray,
    bias: np.ndarray,
) -> dict[str, np.ndarray]:
    """Run an LSTM over sequences and keep everything it computes at every step.

    The same computation as :func:`lstm`, from zero states, but it returns
    the three gates, the candidate and both states after every step, so that
    a chapter can look inside a trained layer: give it the weights of a
    Keras ``LSTM`` (``layer.get_weights()``).

    Parameters
    ----------
    x : numpy.ndarray
        Input sequences, shape (batch, steps, features).
    kernel, recurrent_kernel, bias : numpy.ndarray
        The weights, as in :func:`lstm_cell`.

    Returns
    -------
    dict of str to numpy.ndarray
        Arrays of shape (batch, steps, units) under the names of the
        equations in :func:`lstm_cell`: ``"i"`` (input gate), ``"f"``
        (forget gate), ``"c_tilde"`` (candidate), ``"o"`` (output gate),
        ``"c"`` (cell state) and ``"h"`` (hidden state, what :func:`lstm`
        returns with ``return_sequences=True``).

    Raises
    ------
    TypeError
        If an argument is not a float array.
    ValueError
        If the shapes do not fit together, or an array holds NaN or infinity.

    Notes
    -----
    Introduced in the chapter "Long short-term memory".

    Examples
    --------
    >>> import numpy as np
    >>> from annbook.scratch.recurrent import lstm_states
    >>> W, U, b = np.zeros((1, 8)), np.zeros((2, 8)), np.zeros(8)
    >>> b[2:4] = 10.0  # forget gate open
    >>> states = lstm_states(np.ones((1, 3, 1)), kernel=W, recurrent_kernel=U, bias=b)
    >>> sorted(states), states["c"].shape
    (['c', 'c_tilde', 'f', 'h', 'i', 'o'], (1, 3, 2))
    >>> states["f"][0, :, 0].round(4)
    array([1., 1., 1.])
    """
    kernel, recurrent_kernel, bias, units = _weights(kernel, recurrent_kernel, bias, gates=4)
    x = _inputs("x", x, kernel, ndim=3)
    if x.shape[1] == 0:
        msg = f"`x` must have at least one step. Received: x.shape={x.shape}"
        raise ValueError(msg)
    h = c = np.zeros((len(x), units))
    steps = []
    for t in range(x.shape[1]):
        step = _lstm_step(
            x[:, t], h, c, kernel=kernel, recurrent_kernel=recurrent_kernel, bias=bias
        )
        h, c = step["h"], step["c"]
        steps.append(step)
    return {name: np.stack([step[name] for step in steps], axis=1) for name in steps[0]}
