"""Figures the chapters draw: training curves, grids of images, confusion matrices.

Every function draws on the Matplotlib Axes or Figure it is given (or makes
one) and returns what it drew, so a chapter can add titles or save it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from annbook._validation import (
    check_array,
    check_bool,
    check_choice,
    check_int,
    check_positive_float,
    check_real,
)
from annbook.scratch.dense import ACTIVATIONS, activation, activation_derivative

__all__ = ["plot_digits", "plot_history"]
__all__ += ["plot_lstm_cell", "plot_unrolled_rnn"]
__all__ += ["plot_confusion_matrix", "plot_feature_maps", "plot_filters"]
__all__ += ["plot_activations", "plot_decision_boundary", "plot_gradient_norms"]


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
        The Axes drawn on.

    Raises
    ------
    TypeError
        If ``history`` is neither a History nor a dict, or ``metric`` is not a str.
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
    if not isinstance(metric, str):
        msg = f"`metric` must be a str. Received: metric={metric!r}"
        raise TypeError(msg)
    if metric not in logs:
        msg = f"`metric` must be one of {sorted(logs)}. Received: metric={metric!r}"
        raise ValueError(msg)
    if ax is None:
        _, ax = plt.subplots()
    elif not isinstance(ax, Axes):
        msg = f"`ax` must be a matplotlib Axes or None. Received: ax={ax!r}"
        raise TypeError(msg)
    epochs = np.arange(1, len(logs[metric]) + 1)
    ax.plot(epochs, logs[metric], "o-", label="training")
    if f"val_{metric}" in logs:
        ax.plot(epochs, logs[f"val_{metric}"], "s--", label="validation")
    ax.set_xlabel("epoch")
    ax.set_ylabel(metric)
    ax.set_xticks(epochs)
    ax.legend()
    return ax


def plot_digits(
    images: np.ndarray,
    *,
    labels: Sequence[int] | np.ndarray | None = None,
    predictions: Sequence[int] | np.ndarray | None = None,
    ncols: int = 10,
    fig: Figure | None = None,
) -> Figure:
    """Draw a grid of grey-scale images, each titled with its label.

    Parameters
    ----------
    images : numpy.ndarray
        Images of shape (n, height, width) or (n, height, width, 1).
    labels : sequence of int, default=None
        The true label of each image, shown above it.
    predictions : sequence of int, default=None
        A predicted label of each image; shown beside the true label, and in
        red where it differs from it.
    ncols : int, default=10
        Images per row.
    fig : matplotlib.figure.Figure, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn on, one Axes per image.

    Raises
    ------
    TypeError
        If ``images`` is not an array or ``ncols`` not an int.
    ValueError
        If the shapes do not match or ``ncols`` is not positive.

    Notes
    -----
    Introduced in the chapter "Train a CNN on MNIST".

    Examples
    --------
    >>> import numpy as np
    >>> from annbook.plotting import plot_digits
    >>> fig = plot_digits(np.zeros((12, 28, 28)), labels=range(12), ncols=6)
    >>> len(fig.axes), fig.axes[7].get_title()
    (12, '7')
    """
    images = check_array("images", images)
    if images.ndim == 4 and images.shape[-1] == 1:
        images = images[..., 0]
    if images.ndim != 3 or len(images) == 0:
        msg = (
            "`images` must have shape (n, height, width) or (n, height, width, 1) "
            f"with n >= 1. Received: images.shape={images.shape}"
        )
        raise ValueError(msg)
    ncols = check_int("ncols", ncols)
    n = len(images)
    for name, values in (("labels", labels), ("predictions", predictions)):
        if values is not None and len(values) != n:
            msg = (
                f"`{name}` must have one entry per image ({n}). Received: len({name})={len(values)}"
            )
            raise ValueError(msg)
    if fig is None:
        nrows = -(-n // ncols)
        fig = plt.figure(figsize=(1.1 * min(n, ncols), 1.3 * nrows))
    elif not isinstance(fig, Figure):
        msg = f"`fig` must be a matplotlib Figure or None. Received: fig={fig!r}"
        raise TypeError(msg)
    nrows = -(-n // ncols)
    for i, image in enumerate(images):
        ax = fig.add_subplot(nrows, min(n, ncols), i + 1)
        ax.imshow(image, cmap="gray_r")
        ax.set_xticks([])
        ax.set_yticks([])
        title, color = "", "black"
        if labels is not None:
            title = f"{labels[i]}"
        if predictions is not None:
            wrong = labels is not None and predictions[i] != labels[i]
            title = f"{title}→{predictions[i]}" if labels is not None else f"{predictions[i]}"
            color = "tab:red" if wrong else "black"
        ax.set_title(title, color=color, fontsize=9)
    return fig


def _box(ax: Axes, x: float, y: float, text: str, *, color: str, width: float = 0.8) -> None:
    ax.add_patch(
        plt.Rectangle(
            (x - width / 2, y - 0.3), width, 0.6, facecolor=color, edgecolor="black", zorder=2
        )
    )
    ax.text(x, y, text, ha="center", va="center", fontsize=11, zorder=3)


def _arrow(ax: Axes, start: tuple[float, float], end: tuple[float, float], **style: object) -> None:
    ax.annotate(
        "", xy=end, xytext=start, arrowprops={"arrowstyle": "->", "lw": 1.4, **style}, zorder=1
    )


def plot_unrolled_rnn(*, steps: int = 4, ax: Axes | None = None) -> Axes:
    """Draw a recurrent layer unrolled through time.

    One column per time step: the input ``x_t`` feeds the hidden state
    ``h_t``, which feeds the output ``y_t`` and, through the same recurrent
    weights ``U``, the next step's hidden state. On the left, the same layer
    drawn with its cycle.

    Parameters
    ----------
    steps : int, default=4
        How many time steps to draw (1 to 8).
    ax : matplotlib.axes.Axes, default=None
        Where to draw; a new figure's Axes if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on.

    Raises
    ------
    TypeError
        If ``steps`` is not an int or ``ax`` not an Axes.
    ValueError
        If ``steps`` is not between 1 and 8.

    Notes
    -----
    Introduced in the chapter "Recurrent neural networks".

    Examples
    --------
    >>> from annbook.plotting import plot_unrolled_rnn
    >>> ax = plot_unrolled_rnn(steps=3)
    >>> [t.get_text() for t in ax.texts][:3]
    ['$x$', '$h$', '$y$']
    """
    steps = check_int("steps", steps)
    if steps > 8:
        msg = f"`steps` must be between 1 and 8. Received: steps={steps}"
        raise ValueError(msg)
    if ax is None:
        _, ax = plt.subplots(figsize=(2.0 + 1.6 * steps, 3.4))
    elif not isinstance(ax, Axes):
        msg = f"`ax` must be a matplotlib Axes or None. Received: ax={ax!r}"
        raise TypeError(msg)
    colours = {"x": "#cfe2f3", "h": "#fce5cd", "y": "#d9ead3"}
    # The folded layer, with its cycle.
    for row, name in ((0, "x"), (1, "h"), (2, "y")):
        _box(ax, 0, row, f"${name}$", color=colours[name])
    _arrow(ax, (0, 0.3), (0, 0.7))
    _arrow(ax, (0, 1.3), (0, 1.7))
    ax.annotate(
        "", xy=(0.4, 0.9), xytext=(0.4, 1.1),
        arrowprops={"arrowstyle": "->", "lw": 1.4, "connectionstyle": "arc3,rad=-2.5"},
    )  # fmt: skip
    ax.text(0.95, 1.0, "$U$", va="center", fontsize=11)
    ax.text(1.35, 1.0, "=", va="center", ha="center", fontsize=18)
    first = 3.4
    # The same layer, unrolled.
    for t in range(steps):
        x = first + 1.6 * t
        label = f"{t + 1}"
        for row, name in ((0, "x"), (1, "h"), (2, "y")):
            _box(ax, x, row, f"${name}_{label}$", color=colours[name])
        _arrow(ax, (x, 0.3), (x, 0.7))
        _arrow(ax, (x, 1.3), (x, 1.7))
        ax.text(x + 0.08, 0.5, "$W$", fontsize=9)
        _arrow(ax, (x - 1.2, 1.0), (x - 0.4, 1.0), color="tab:red")
        ax.text(x - 0.8, 1.08, "$U$", fontsize=9, color="tab:red", ha="center")
    ax.text(first - 1.25, 1.0, "$h_0$", va="center", ha="right", fontsize=10)
    ax.set_xlim(-0.7, first + 0.7 + 1.6 * (steps - 1))
    ax.set_ylim(-0.5, 2.5)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


def plot_lstm_cell(*, ax: Axes | None = None) -> Axes:
    """Draw one LSTM cell: its cell state, hidden state and three gates.

    The cell state ``c`` runs along the top, touched only by a product with
    the forget gate ``f`` and a sum with ``i * c~``; the hidden state ``h``
    and input ``x`` enter at the bottom and feed the four blocks (the gates
    ``f``, ``i``, ``o`` with a sigmoid, the candidate ``c~`` with tanh).

    Parameters
    ----------
    ax : matplotlib.axes.Axes, default=None
        Where to draw; a new figure's Axes if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on.

    Raises
    ------
    TypeError
        If ``ax`` is not an Axes.

    Notes
    -----
    Introduced in the chapter "Long short-term memory".

    Examples
    --------
    >>> from annbook.plotting import plot_lstm_cell
    >>> ax = plot_lstm_cell()
    >>> "$c_t$" in [t.get_text() for t in ax.texts]
    True
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4.2))
    elif not isinstance(ax, Axes):
        msg = f"`ax` must be a matplotlib Axes or None. Received: ax={ax!r}"
        raise TypeError(msg)
    ax.add_patch(
        plt.Rectangle((0.5, -0.2), 7.0, 3.9, facecolor="#f3f3f3", edgecolor="grey", zorder=0)
    )
    top, bottom = 3.2, 0.3
    # Cell state line, with x (forget) and + (write).
    _arrow(ax, (-0.3, top), (1.75, top), color="tab:red", lw=2.2)
    _arrow(ax, (2.25, top), (3.75, top), color="tab:red", lw=2.2)
    _arrow(ax, (4.25, top), (8.3, top), color="tab:red", lw=2.2)
    for x, op in ((2.0, "×"), (4.0, "+")):
        ax.add_patch(plt.Circle((x, top), 0.25, facecolor="white", edgecolor="black", zorder=2))
        ax.text(x, top, op, ha="center", va="center", fontsize=13, zorder=3)
    ax.text(-0.35, top + 0.25, "$c_{t-1}$", fontsize=12, color="tab:red")
    ax.text(8.0, top + 0.25, "$c_t$", fontsize=12, color="tab:red")
    # Inputs: h_{t-1} and x_t join along the bottom.
    _arrow(ax, (-0.3, bottom), (6.6, bottom), lw=1.6)
    _arrow(ax, (1.0, -0.8), (1.0, bottom - 0.02), lw=1.6)
    ax.text(-0.35, bottom - 0.4, "$h_{t-1}$", fontsize=12)
    ax.text(1.1, -0.8, "$x_t$", fontsize=12)
    # The four blocks, in the order Keras stores them is i, f, c~, o;
    # here drawn left to right by where they act: f, i, c~, o.
    blocks = [
        (2.0, "$\\sigma$", "$f_t$ forget"),
        (3.2, "$\\sigma$", "$i_t$ input"),
        (4.4, "tanh", "$\\tilde c_t$ candidate"),
        (5.8, "$\\sigma$", "$o_t$ output"),
    ]
    for x, text, name in blocks:
        _box(ax, x, 1.3, text, color="#fff2cc", width=0.7)
        _arrow(ax, (x, bottom), (x, 1.0))
        ax.text(x, 0.72, name, ha="center", fontsize=8, color="dimgrey")
    _arrow(ax, (2.0, 1.6), (2.0, top - 0.25))
    # i * c~ goes up into the +.
    ax.add_patch(plt.Circle((3.8, 2.3), 0.22, facecolor="white", edgecolor="black", zorder=2))
    ax.text(3.8, 2.3, "×", ha="center", va="center", fontsize=12, zorder=3)
    _arrow(ax, (3.2, 1.6), (3.62, 2.16))
    _arrow(ax, (4.4, 1.6), (3.98, 2.16))
    _arrow(ax, (3.85, 2.52), (4.0, top - 0.25))
    # h_t = o * tanh(c_t).
    ax.add_patch(plt.Circle((6.8, 2.3), 0.22, facecolor="white", edgecolor="black", zorder=2))
    ax.text(6.8, 2.3, "×", ha="center", va="center", fontsize=12, zorder=3)
    _box(ax, 6.8, top - 0.1, "tanh", color="#fff2cc", width=0.7)
    _arrow(ax, (5.8, 1.6), (6.6, 2.2))
    _arrow(ax, (6.8, top - 0.4), (6.8, 2.52))
    _arrow(ax, (6.8, 2.08), (8.3, bottom + 0.5), lw=1.6)
    ax.text(8.0, bottom + 0.1, "$h_t$", fontsize=12)
    ax.set_xlim(-0.8, 8.8)
    ax.set_ylim(-1.0, 3.9)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


def _check_fig(fig: object) -> None:
    if fig is not None and not isinstance(fig, Figure):
        msg = f"`fig` must be a matplotlib Figure or None. Received: fig={fig!r}"
        raise TypeError(msg)


def _image_grid(
    images: np.ndarray, *, titles: Sequence[str] | None, ncols: int, fig: Figure | None, size: float
) -> Figure:
    """Draw 2-D arrays in a grid, zero white, positive red, negative blue."""
    n = len(images)
    ncols = min(n, ncols)
    nrows = -(-n // ncols)
    if fig is None:
        fig = plt.figure(figsize=(size * ncols, (size + (0.25 if titles else 0)) * nrows))
    for i, image in enumerate(images):
        ax = fig.add_subplot(nrows, ncols, i + 1)
        limit = float(np.abs(image).max()) or 1.0
        ax.imshow(image, cmap="RdBu_r", vmin=-limit, vmax=limit)
        ax.set_xticks([])
        ax.set_yticks([])
        if titles is not None:
            ax.set_title(titles[i], fontsize=9)
    return fig


def plot_filters(
    kernel: np.ndarray, *, in_channel: int = 0, ncols: int = 8, fig: Figure | None = None
) -> Figure:
    """Draw the filters of a ``Conv2D`` layer, one small image each.

    Each filter is drawn on its own colour scale centred on zero: white is
    a weight of 0, red positive and blue negative weights, the strongest
    weight of the filter at full colour.

    Parameters
    ----------
    kernel : numpy.ndarray
        The layer's kernel, of shape (kernel_height, kernel_width,
        in_channels, out_channels), as ``layer.get_weights()[0]`` returns it.
    in_channel : int, default=0
        Which input channel of each filter to draw.
    ncols : int, default=8
        Filters per row.
    fig : matplotlib.figure.Figure, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn on, one Axes per filter.

    Raises
    ------
    TypeError
        If ``kernel`` is not an array or an int argument is not an int.
    ValueError
        If ``kernel`` is not 4-D or ``in_channel`` is not one of its input
        channels.

    Notes
    -----
    Introduced in the chapter "Convolutional neural networks".

    Examples
    --------
    >>> import numpy as np
    >>> from annbook.plotting import plot_filters
    >>> fig = plot_filters(np.ones((3, 3, 1, 32)))
    >>> len(fig.axes), fig.axes[0].images[0].get_array().shape
    (32, (3, 3))
    """
    kernel = check_array("kernel", kernel)
    if kernel.ndim != 4 or 0 in kernel.shape:
        msg = (
            "`kernel` must have shape (kernel_height, kernel_width, in_channels, "
            f"out_channels). Received: kernel.shape={kernel.shape}"
        )
        raise ValueError(msg)
    in_channel = check_int("in_channel", in_channel, minimum=0)
    if in_channel >= kernel.shape[2]:
        msg = (
            f"`in_channel` must be below the kernel's {kernel.shape[2]} input channels. "
            f"Received: in_channel={in_channel}"
        )
        raise ValueError(msg)
    ncols = check_int("ncols", ncols)
    _check_fig(fig)
    filters = np.moveaxis(kernel[:, :, in_channel, :], -1, 0)
    return _image_grid(filters, titles=None, ncols=ncols, fig=fig, size=0.8)


def plot_feature_maps(
    maps: np.ndarray,
    *,
    titles: Sequence[str] | None = None,
    ncols: int = 8,
    fig: Figure | None = None,
) -> Figure:
    """Draw the channels of one image or activation, one small image each.

    Each channel is drawn on its own colour scale centred on zero: white is
    0, red positive and blue negative values, the largest magnitude of the
    channel at full colour. After a ReLU every value is 0 or positive, so
    the maps show white and red only.

    Parameters
    ----------
    maps : numpy.ndarray
        Shape (height, width, channels), or (1, height, width, channels) as
        a model returns it for a batch of one.
    titles : sequence of str, default=None
        A title for each channel.
    ncols : int, default=8
        Maps per row.
    fig : matplotlib.figure.Figure, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn on, one Axes per channel.

    Raises
    ------
    TypeError
        If ``maps`` is not an array or ``ncols`` not an int.
    ValueError
        If the shapes do not match or ``ncols`` is not positive.

    Notes
    -----
    Introduced in the chapter "Convolutional neural networks".

    Examples
    --------
    >>> import numpy as np
    >>> from annbook.plotting import plot_feature_maps
    >>> fig = plot_feature_maps(np.zeros((1, 26, 26, 4)), titles=list("abcd"), ncols=2)
    >>> len(fig.axes), fig.axes[3].get_title()
    (4, 'd')
    """
    maps = check_array("maps", maps)
    if maps.ndim == 4 and maps.shape[0] == 1:
        maps = maps[0]
    if maps.ndim != 3 or 0 in maps.shape:
        msg = (
            "`maps` must have shape (height, width, channels) or "
            f"(1, height, width, channels). Received: maps.shape={maps.shape}"
        )
        raise ValueError(msg)
    if titles is not None and len(titles) != maps.shape[-1]:
        msg = (
            f"`titles` must have one entry per map ({maps.shape[-1]}). "
            f"Received: len(titles)={len(titles)}"
        )
        raise ValueError(msg)
    ncols = check_int("ncols", ncols)
    _check_fig(fig)
    return _image_grid(np.moveaxis(maps, -1, 0), titles=titles, ncols=ncols, fig=fig, size=1.1)


def plot_confusion_matrix(
    y_true: Sequence[int] | np.ndarray,
    y_pred: Sequence[int] | np.ndarray,
    *,
    class_names: Sequence[str] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw the confusion matrix of a classifier, with the count in each cell.

    Row ``i``, column ``j`` counts the examples of true class ``i`` that
    were predicted as class ``j``: the diagonal holds the correct answers,
    everything else a mistake.

    Parameters
    ----------
    y_true : sequence of int
        True labels, integers from 0 to ``n_classes - 1``.
    y_pred : sequence of int
        Predicted labels, one per true label.
    class_names : sequence of str, default=None
        Names of the classes, in label order; the labels 0, 1, ... if None.
        Their number sets the number of classes; otherwise the largest
        label does.
    ax : matplotlib.axes.Axes, default=None
        Where to draw; a new figure's Axes if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on; ``ax.images[0].get_array()`` is the matrix.

    Raises
    ------
    TypeError
        If ``ax`` is not an Axes.
    ValueError
        If the labels are not non-negative integers, their lengths differ,
        or a label has no name in ``class_names``.

    Notes
    -----
    Introduced in the chapter "Convolutional neural networks".

    Examples
    --------
    >>> from annbook.plotting import plot_confusion_matrix
    >>> ax = plot_confusion_matrix([0, 0, 1, 2, 2], [0, 1, 1, 2, 0])
    >>> ax.images[0].get_array().tolist()
    [[1, 1, 0], [0, 1, 0], [1, 0, 1]]
    """
    labels = []
    for name, values in (("y_true", y_true), ("y_pred", y_pred)):
        array = np.asarray(values)
        if array.ndim != 1 or len(array) == 0 or not np.issubdtype(array.dtype, np.integer):
            msg = (
                f"`{name}` must be a non-empty 1-D sequence of integer labels. "
                f"Received: {name}.shape={array.shape}, {name}.dtype={array.dtype}"
            )
            raise ValueError(msg)
        if array.min() < 0:
            msg = f"`{name}` must hold labels >= 0. Received: min({name})={array.min()}"
            raise ValueError(msg)
        labels.append(array)
    y_true, y_pred = labels
    if len(y_true) != len(y_pred):
        msg = (
            "`y_true` and `y_pred` must have the same length. "
            f"Received: len(y_true)={len(y_true)}, len(y_pred)={len(y_pred)}"
        )
        raise ValueError(msg)
    n_classes = int(max(y_true.max(), y_pred.max())) + 1
    if class_names is not None:
        if len(class_names) < n_classes:
            msg = (
                f"`class_names` must name all {n_classes} classes in the labels. "
                f"Received: class_names={list(class_names)!r}"
            )
            raise ValueError(msg)
        n_classes = len(class_names)
    if ax is None:
        side = 0.5 * n_classes
        _, ax = plt.subplots(figsize=(side + 2, side + 1.6), layout="constrained")
    elif not isinstance(ax, Axes):
        msg = f"`ax` must be a matplotlib Axes or None. Received: ax={ax!r}"
        raise TypeError(msg)

    matrix = np.bincount(n_classes * y_true + y_pred, minlength=n_classes**2)
    matrix = matrix.reshape(n_classes, n_classes)
    names = [str(c) for c in range(n_classes)] if class_names is None else list(class_names)
    ax.imshow(matrix, cmap="Blues")
    threshold = matrix.max() / 2
    for (i, j), count in np.ndenumerate(matrix):
        colour = "white" if count > threshold else ("black" if count else "0.7")
        ax.text(j, i, f"{count}", ha="center", va="center", color=colour, fontsize=8)
    ticks = np.arange(n_classes)
    ax.set_xticks(ticks, names)
    ax.set_yticks(ticks, names)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    return ax


def _check_ax(ax: object) -> Axes:
    if ax is None:
        _, ax = plt.subplots()
    elif not isinstance(ax, Axes):
        msg = f"`ax` must be a matplotlib Axes or None. Received: ax={ax!r}"
        raise TypeError(msg)
    return ax


def plot_decision_boundary(
    predict: Callable[[np.ndarray], np.ndarray],
    x: np.ndarray,
    y: np.ndarray,
    *,
    threshold: float = 0.5,
    resolution: int = 200,
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
    ax : matplotlib.axes.Axes, default=None
        Where to draw; a new figure's Axes if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If the shapes do not match, ``x`` holds NaN or infinity, ``threshold``
        is not finite, or ``predict`` returns the wrong number of scores.

    Notes
    -----
    Introduced in the chapter "Artificial neurons and networks".

    Examples
    --------
    >>> import numpy as np
    >>> from annbook.plotting import plot_decision_boundary
    >>> x, y = np.array([[0.0, 0.0], [1.0, 1.0]]), np.array([0, 1])
    >>> ax = plot_decision_boundary(lambda g: g.sum(axis=1) >= 1, x, y, resolution=50)
    >>> len(ax.collections) >= 3  # shading, boundary line, points
    True
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
    ax = _check_ax(ax)

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
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    return ax


def plot_activations(
    *,
    names: Sequence[str] = ACTIVATIONS,
    derivative: bool = False,
    limit: float = 4.0,
    ax: Axes | None = None,
) -> Axes:
    """Plot activation functions, or their derivatives, on one Axes.

    Parameters
    ----------
    names : sequence of str, default=("step", "sigmoid", "tanh", "relu")
        Which functions to draw (names of :func:`annbook.scratch.dense.activation`).
    derivative : bool, default=False
        Draw the derivatives instead of the functions.
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
    limit = check_positive_float("limit", limit)
    ax = _check_ax(ax)
    function = activation_derivative if derivative else activation
    z = np.linspace(-limit, limit, 801)
    jumps = {"step", "relu"} if derivative else {"step"}
    for name in names:
        values = function(name, z)
        if name in jumps:  # no vertical line at the jump
            values = np.where(np.isclose(z, 0, atol=limit / 800), np.nan, values)
        ax.plot(
            z,
            values,
            "--" if name == "step" else "-",  # dashed, to show where it overlaps ReLU
            label=f"{name}'" if derivative else name,
            linewidth=2,
        )
    ax.axhline(0, color="grey", linewidth=0.6)
    ax.axvline(0, color="grey", linewidth=0.6)
    ax.set_xlabel("$z$")
    ax.set_ylabel(r"$\varphi'(z)$" if derivative else r"$\varphi(z)$")
    ax.legend()
    return ax


def plot_gradient_norms(
    norms: Mapping[str, Sequence[float] | Mapping[str, float]], *, ax: Axes | None = None
) -> Axes:
    """Plot the gradient norm of each layer against its depth, one line per network.

    Parameters
    ----------
    norms : dict
        For each network's label, its gradient norms by layer, input side
        first: a sequence of floats, or a dict of layer name to norm such as
        :func:`annbook.training.layer_gradient_norms` returns.
    ax : matplotlib.axes.Axes, default=None
        Where to draw; a new figure's Axes if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on, with a logarithmic y axis.

    Raises
    ------
    TypeError
        If ``norms`` is not a dict.
    ValueError
        If it is empty, or a norm is not a positive finite number (a log
        axis cannot show it).

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
    ax = _check_ax(ax)
    for label, values in curves.items():
        ax.plot(np.arange(1, len(values) + 1), values, "o-", label=str(label))
    ax.set_yscale("log")
    ax.set_xlabel("layer (1 = nearest the input)")
    ax.set_ylabel(r"$\|\partial L / \partial W\|$")
    ax.legend()
    return ax
