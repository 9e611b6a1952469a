"""Line plots: training curves, activation functions, gradient norms, decision regions."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
from matplotlib.axes import Axes

from annbook._numerics import ACTIVATIONS
from annbook._validation import (
    check_array,
    check_axes,
    check_bool,
    check_choice,
    check_int,
    check_number_sequence,
    check_positive_float,
    check_real,
)
from annbook.scratch.dense import activation, activation_derivative

__all__ = [
    "plot_activations",
    "plot_decision_boundary",
    "plot_gradient_norms",
    "plot_hidden_space",
    "plot_history",
]


def _history_dict(history: object) -> Mapping[str, Sequence[float]]:
    # A keras.callbacks.History keeps its per-epoch logs in `.history`.
    logs = getattr(history, "history", history)
    if not isinstance(logs, Mapping):
        msg = (
            "`history` must be a keras History or a dict of per-epoch values. "
            f"Received: history={history!r}"
        )
        raise TypeError(msg)
    return logs


def plot_history(history: object, *, metric: str = "loss", ax: Axes | None = None) -> Axes:
    """Plot one metric per epoch, on the training and the validation data.

    Parameters
    ----------
    history : keras.callbacks.History or dict
        What ``model.fit`` returned, or its ``.history`` dict.
    metric : str, default="loss"
        The metric to draw, such as ``"loss"`` or ``"accuracy"``. Its
        validation twin ``"val_" + metric`` is drawn too when present.
    ax : matplotlib.axes.Axes, default=None
        Where to draw; a new figure's Axes if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on, epochs along x (one tick each) and ``metric`` along y.

    Raises
    ------
    TypeError
        If ``history`` is neither a History nor a dict, ``metric`` is not a
        str, or ``ax`` is not an Axes.
    ValueError
        If ``metric`` is not in ``history``.

    Notes
    -----
    Introduced in the chapter "Train a CNN on MNIST".

    Examples
    --------
    >>> from annbook.plotting import plot_history
    >>> history = {"loss": [0.9, 0.5, 0.4], "val_loss": [0.7, 0.6, 0.55]}
    >>> ax = plot_history(history)
    >>> [line.get_label() for line in ax.get_lines()]
    ['training', 'validation']
    """
    logs = _history_dict(history)
    metric = check_choice("metric", metric, sorted(logs))
    training = check_number_sequence(f"history[{metric!r}]", logs[metric])
    validation = None
    if f"val_{metric}" in logs:
        name = f"history['val_{metric}']"
        validation = check_number_sequence(name, logs[f"val_{metric}"])
        if len(validation) != len(training):
            msg = (
                f"`{name}` must have one value per epoch, as `history[{metric!r}]` has. "
                f"Received: len({name})={len(validation)}, "
                f"len(history[{metric!r}])={len(training)}"
            )
            raise ValueError(msg)
    ax = check_axes("ax", ax)
    epochs = np.arange(1, len(training) + 1)
    ax.plot(epochs, training, "o-", label="training")
    if validation is not None:
        ax.plot(epochs, validation, "s--", label="validation")
    ax.set_xlabel("epoch")
    ax.set_ylabel(metric)
    ax.set_xticks(epochs)
    # A falling curve (a loss) leaves the upper right free, a rising one (an accuracy) the lower.
    ax.legend(loc="upper right" if training[-1] <= training[0] else "lower right")
    return ax


def plot_decision_boundary(
    predict: Callable[[np.ndarray], np.ndarray],
    x: np.ndarray,
    y: np.ndarray,
    *,
    threshold: float = 0.5,
    resolution: int = 200,
    mistakes: np.ndarray | None = None,
    legend: bool = True,
    ax: Axes | None = None,
) -> Axes:
    """Shade where a 2-D binary classifier says 1, and draw the labelled points.

    ``predict`` is called once on a ``resolution`` × ``resolution`` grid
    covering the points (with a margin); grid points whose score is at least
    ``threshold`` are shaded as class 1, and the boundary between the two
    regions is drawn as a line.

    Parameters
    ----------
    predict : callable
        Maps an array of shape (m, 2) to m scores (shape (m,) or (m, 1)):
        probabilities, or labels 0/1.
    x : numpy.ndarray
        Points of shape (n, 2).
    y : numpy.ndarray
        Their labels 0 or 1, shape (n,).
    threshold : float, default=0.5
        Scores at or above it count as class 1.
    resolution : int, default=200
        Grid points per axis (at least 2).
    mistakes : numpy.ndarray of bool, default=None
        Shape (n,): points to ring in red, labelled "mistake" (for example
        those the classifier gets wrong, or those a learning rule corrected).
    legend : bool, default=True
        Draw the legend in the Axes. With several panels, pass False and
        draw one legend for the figure from ``ax.get_legend_handles_labels()``,
        where it hides no point.
    ax : matplotlib.axes.Axes, default=None
        Where to draw; a new figure's Axes if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on: the two regions, the boundary between them (if
        the grid shows one) and the points, with a legend (if ``legend``) of
        the points' classes ("class 0", "class 1"), of the mistakes ringed
        (if any) and of the regions ("predicted 0", "predicted 1").

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If the shapes do not match, ``x`` holds NaN or infinity, ``threshold``
        is not finite, or ``predict`` returns the wrong number of scores.

    Notes
    -----
    Introduced in the chapter "Artificial neurons and networks", for the
    perceptron's boundary after each epoch and for the network that solves XOR.

    Examples
    --------
    >>> import numpy as np
    >>> from annbook.plotting import plot_decision_boundary
    >>> x, y = np.array([[0.0, 0.0], [1.0, 1.0]]), np.array([0, 1])
    >>> ax = plot_decision_boundary(lambda g: g.sum(axis=1) >= 1, x, y, resolution=50)
    >>> len(ax.collections) >= 3  # shading, boundary line, points
    True
    >>> [text.get_text() for text in ax.get_legend().get_texts()]
    ['class 0', 'class 1', 'predicted 0', 'predicted 1']
    """
    if not callable(predict):
        msg = f"`predict` must be callable. Received: predict={predict!r}"
        raise TypeError(msg)
    x, y = check_array("x", x, dtype="number"), check_array("y", y)
    if x.ndim != 2 or x.shape[1] != 2 or len(x) == 0 or y.shape != (len(x),):
        msg = (
            "`x` must have shape (n, 2) with n >= 1 and `y` shape (n,). "
            f"Received: x.shape={x.shape}, y.shape={y.shape}"
        )
        raise ValueError(msg)
    x = check_array("x", x, finite=True)
    threshold = check_real("threshold", threshold)
    resolution = check_int("resolution", resolution, minimum=2)
    if mistakes is not None:
        mistakes = check_array("mistakes", mistakes, dtype="bool")
        if mistakes.shape != y.shape:
            msg = (
                f"`mistakes` must have shape {y.shape}, one per point. "
                f"Received: mistakes.shape={mistakes.shape}"
            )
            raise ValueError(msg)
    legend = check_bool("legend", legend)
    ax = check_axes("ax", ax)

    low, high = x.min(axis=0), x.max(axis=0)
    pad = 0.15 * np.maximum(high - low, 1e-9)
    g1, g2 = np.meshgrid(
        np.linspace(low[0] - pad[0], high[0] + pad[0], resolution),
        np.linspace(low[1] - pad[1], high[1] + pad[1], resolution),
    )
    grid = np.column_stack([g1.ravel(), g2.ravel()])
    scores = np.asarray(predict(grid), dtype=float).reshape(-1)
    if scores.size != len(grid):
        msg = (
            f"`predict` must return one score per grid point ({len(grid)}). "
            f"Received: predict(grid).size={scores.size}"
        )
        raise ValueError(msg)
    region = (scores >= threshold).reshape(g1.shape).astype(float)
    ax.contourf(g1, g2, region, levels=[-0.5, 0.5, 1.5], colors=["#c6dbef", "#fdd0a2"])
    if 0 < region.mean() < 1:
        ax.contour(g1, g2, region, levels=[0.5], colors="black", linewidths=1.2)
    for label, color, marker in ((0, "tab:blue", "o"), (1, "tab:orange", "^")):
        mask = y == label
        ax.scatter(*x[mask].T, c=color, marker=marker, edgecolors="black", linewidths=0.4,
                   s=22, label=f"class {label}")  # fmt: skip
    if mistakes is not None and mistakes.any():
        ax.scatter(*x[mistakes].T, s=90, facecolors="none", edgecolors="red", linewidths=1.2,
                   label="mistake")  # fmt: skip
    # The regions get legend entries of their own: a shade is not a class.
    for label, color in ((0, "#c6dbef"), (1, "#fdd0a2")):
        ax.fill_between([], [], color=color, label=f"predicted {label}")
    if legend:
        ax.legend(loc="upper right", fontsize="small", framealpha=0.9)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    return ax


def plot_activations(
    *,
    names: Sequence[str] = ("step", "sigmoid", "tanh", "relu"),
    derivative: bool = False,
    with_derivative: bool = False,
    limit: float = 4.0,
    ax: Axes | None = None,
) -> Axes:
    """Plot activation functions, or their derivatives, on one Axes.

    Functions that coincide somewhere (the step and ReLU are both 0 for
    :math:`z < 0`) hide each other on one Axes: draw one function per Axes
    then, with ``with_derivative=True`` to show its derivative beside it.

    Parameters
    ----------
    names : sequence of str, default=("step", "sigmoid", "tanh", "relu")
        Which functions to draw (names of :func:`annbook.scratch.dense.activation`).
    derivative : bool, default=False
        Draw the derivatives instead of the functions.
    with_derivative : bool, default=False
        Draw each function and, dashed in the same colour, its derivative
        (``derivative`` must then be False).
    limit : float, default=4.0
        Draw over :math:`z \\in [-\\text{limit}, \\text{limit}]`.
    ax : matplotlib.axes.Axes, default=None
        Where to draw; a new figure's Axes if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on, one labelled line per function.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If a name is unknown, ``names`` is empty or ``limit`` is not positive.

    Notes
    -----
    Introduced in the chapter "Artificial neurons and networks".

    Examples
    --------
    >>> from annbook.plotting import plot_activations
    >>> ax = plot_activations(names=["sigmoid", "relu"], derivative=True)
    >>> [text.get_text() for text in ax.get_legend().get_texts()]
    ["sigmoid'", "relu'"]
    >>> from matplotlib.figure import Figure
    >>> ax = plot_activations(names=["relu"], with_derivative=True, ax=Figure().add_subplot())
    >>> [text.get_text() for text in ax.get_legend().get_texts()]
    ['relu', "relu'"]
    """
    if isinstance(names, str) or not isinstance(names, Sequence):
        msg = f"`names` must be a sequence of activation names. Received: names={names!r}"
        raise TypeError(msg)
    if len(names) == 0:
        msg = f"`names` must name at least one activation. Received: names={names!r}"
        raise ValueError(msg)
    for i, name in enumerate(names):
        check_choice(f"names[{i}]", name, ACTIVATIONS)
    derivative = check_bool("derivative", derivative)
    with_derivative = check_bool("with_derivative", with_derivative)
    if derivative and with_derivative:
        msg = (
            "`derivative` and `with_derivative` cannot both be True. "
            "Received: derivative=True, with_derivative=True"
        )
        raise ValueError(msg)
    limit = check_positive_float("limit", limit)
    ax = check_axes("ax", ax)
    z = np.linspace(-limit, limit, 801)

    def draw(name: str, *, slope: bool, **style: object) -> None:
        values = (activation_derivative if slope else activation)(name, z)
        if name == "step" or (slope and name == "relu"):  # no vertical line at the jump
            values = np.where(np.isclose(z, 0, atol=limit / 800), np.nan, values)
        ax.plot(z, values, label=f"{name}'" if slope else name, linewidth=2, **style)

    for i, name in enumerate(names):
        if with_derivative:
            color = f"C{i % 10}"  # one colour of the cycle per function
            draw(name, slope=False, color=color)
            draw(name, slope=True, color=color, linestyle="--")
        else:
            # The step dashed, to show where it overlaps ReLU on a shared Axes.
            draw(name, slope=derivative, linestyle="--" if name == "step" else "-")
    ax.axhline(0, color="grey", linewidth=0.6)
    ax.axvline(0, color="grey", linewidth=0.6)
    ax.set_xlabel("$z$")
    ax.set_ylabel(r"$\varphi'(z)$" if derivative else r"$\varphi(z)$")
    ax.legend(loc="upper left")  # every function is at its lowest on the left
    return ax


def plot_gradient_norms(
    norms: Mapping[str, Sequence[float] | Mapping[str, float]],
    *,
    styles: Mapping[str, Mapping[str, object]] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Plot the gradient norm of each layer against its depth, one line per network.

    Parameters
    ----------
    norms : dict
        For each network's label, its gradient norms by layer, input side
        first: a sequence of floats, or a dict of layer name to norm such as
        :func:`annbook.training.layer_gradient_norms` returns.
    styles : dict, default=None
        For some or all labels, Matplotlib line properties such as
        ``{"color": "tab:red", "linestyle": "--"}``, so that a figure that
        varies two factors can give each its own channel; Matplotlib's
        colour cycle for the rest.
    ax : matplotlib.axes.Axes, default=None
        Where to draw; a new figure's Axes if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on, with a logarithmic y axis and a legend of the networks.

    Raises
    ------
    TypeError
        If ``norms`` or ``styles`` is not a dict.
    ValueError
        If ``norms`` is empty, a norm is not a positive finite number (a log
        axis cannot show it), or ``styles`` names a network ``norms`` has not.

    Notes
    -----
    Introduced in the chapter "Deep neural networks".

    Examples
    --------
    >>> from annbook.plotting import plot_gradient_norms
    >>> ax = plot_gradient_norms({"sigmoid": [1e-4, 1e-3, 1e-2], "relu": [0.1, 0.1, 0.2]})
    >>> [line.get_label() for line in ax.get_lines()], ax.get_yscale()
    (['sigmoid', 'relu'], 'log')
    """
    if not isinstance(norms, Mapping):
        msg = f"`norms` must be a dict of label to norms by layer. Received: norms={norms!r}"
        raise TypeError(msg)
    if not norms:
        msg = f"`norms` must hold at least one network. Received: norms={norms!r}"
        raise ValueError(msg)
    curves = {}
    for label, by_layer in norms.items():
        values = list(by_layer.values()) if isinstance(by_layer, Mapping) else by_layer
        try:
            values = np.asarray(values, dtype=float)
            good = values.ndim == 1 and len(values) > 0
            good = good and bool((np.isfinite(values) & (values > 0)).all())
        except (TypeError, ValueError):  # not numbers
            good = False
        if not good:
            msg = (
                f"`norms[{label!r}]` must be a non-empty sequence of positive finite numbers. "
                f"Received: norms[{label!r}]={by_layer!r}"
            )
            raise ValueError(msg)
        curves[label] = values
    styles = {} if styles is None else styles
    if not isinstance(styles, Mapping) or not all(isinstance(v, Mapping) for v in styles.values()):
        msg = f"`styles` must be a dict of label to a dict of line properties. Received: styles={styles!r}"
        raise TypeError(msg)
    if set(styles) - set(curves):
        msg = (
            f"`styles` must name networks of `norms` ({list(curves)}). "
            f"Received: styles={dict(styles)!r}"
        )
        raise ValueError(msg)
    ax = check_axes("ax", ax)
    lines = [
        ax.plot(
            np.arange(1, len(values) + 1), values, label=str(label),
            **{"marker": "o", "markersize": 4, "linestyle": "-", **styles.get(label, {})},
        )[0]
        for label, values in curves.items()
    ]  # fmt: skip
    ax.set_yscale("log")
    ax.set_xlabel("layer (1 = nearest the input)")
    ax.set_ylabel(r"$\|\partial L / \partial W\|$")
    # Handles and labels given, so that every label shows, also "" or "_name",
    # which Matplotlib would otherwise leave out (with a warning if none is left).
    ax.legend(lines, [str(label) for label in curves], loc="lower right")
    return ax


def plot_hidden_space(
    h: np.ndarray,
    y: np.ndarray,
    *,
    weights: np.ndarray,
    bias: float,
    ax: Axes | None = None,
) -> Axes:
    """Draw examples where a hidden layer puts them, as the output unit sees them.

    A sigmoid output unit with weights :math:`w` and bias :math:`b` says 1
    where :math:`z = h^\\top w + b \\ge 0`: a hyperplane in the space of the
    hidden activations :math:`h`. The horizontal axis is :math:`z`, so that
    hyperplane is the vertical line :math:`z = 0`; the vertical axis is the
    direction in which the :math:`h` spread most among those orthogonal to
    :math:`w` (their first principal component there), which the output
    ignores. Examples the output gets right lie on their class's side of
    the line.

    Parameters
    ----------
    h : numpy.ndarray
        Hidden activations of shape (n, k), k >= 2.
    y : numpy.ndarray
        Labels 0 or 1, shape (n,).
    weights : numpy.ndarray
        The output unit's weights, shape (k,) or (k, 1).
    bias : float
        The output unit's bias.
    ax : matplotlib.axes.Axes, default=None
        Where to draw; a new figure's Axes if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on: one scatter per class and the vertical line
        :math:`z = 0`, with a legend.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If the shapes do not match, or an array holds NaN or infinity.

    Notes
    -----
    Introduced in the chapter "Artificial neurons and networks", for the
    hidden layer of the network that solves XOR.

    Examples
    --------
    >>> import numpy as np
    >>> from annbook.plotting import plot_hidden_space
    >>> h = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    >>> from matplotlib.figure import Figure
    >>> ax = plot_hidden_space(h, np.array([0, 0, 1]), weights=np.array([1.0, 1.0]), bias=-1.5,
    ...                        ax=Figure().add_subplot())
    >>> ax.collections[1].get_offsets()[:, 0].tolist()  # z of the class-1 example
    [0.5]
    """
    h = check_array("h", h, ndim=2, dtype="number", finite=True)
    y = check_array("y", y, ndim=1)
    weights = check_array("weights", weights, dtype="number", finite=True).reshape(-1)
    if h.shape[1] < 2 or len(h) != len(y) or weights.shape != (h.shape[1],):
        msg = (
            "`h` must have shape (n, k) with k >= 2, `y` shape (n,) and `weights` k entries. "
            f"Received: h.shape={h.shape}, y.shape={y.shape}, weights.size={weights.size}"
        )
        raise ValueError(msg)
    bias = check_real("bias", bias)
    ax = check_axes("ax", ax)
    z = h @ weights + bias
    unit = weights / np.linalg.norm(weights)
    rest = h - np.outer(h @ unit, unit)  # the part of h the output does not see
    rest = rest - rest.mean(axis=0)
    direction = np.linalg.svd(rest, full_matrices=False)[2][0]
    for label, color, marker in ((0, "tab:blue", "o"), (1, "tab:orange", "^")):
        mask = y == label
        ax.scatter(z[mask], rest[mask] @ direction, c=color, marker=marker, edgecolors="black",
                   linewidths=0.4, s=22, label=f"class {label}")  # fmt: skip
    ax.axvline(0, color="black", linewidth=1.2, label="output 0.5 ($z = 0$)")
    ax.set_xlabel("$z = h^\\top w + b$, what the output unit adds up")
    ax.set_ylabel("spread of $h$ the output ignores")
    ax.legend(loc="upper left", fontsize="small", framealpha=0.9)
    return ax
