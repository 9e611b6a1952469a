"""Hand-drawn diagrams: an RNN unrolled through time, an LSTM cell, a sliding convolution, pooling."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from annbook._validation import check_array, check_int
from annbook.plotting._figures import axes_or_new, figure_or_new

__all__ = ["plot_convolution_steps", "plot_lstm_cell", "plot_max_pooling", "plot_unrolled_rnn"]


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
        Where to draw; if None, a new figure's Axes, as wide as the steps need.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on, in equal units and with its axes hidden.

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
    ax = axes_or_new(ax, size=(2.0 + 1.6 * steps, 3.4))
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
        Where to draw; if None, a new figure's Axes, 8 by 4.2 inches.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on; the labels of the gates are in ``ax.texts``.

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
    ax = axes_or_new(ax, size=(8, 4.2))
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


def _cell(ax: Axes, col: float, row: float, *, face: str, text: str = "", **style: object) -> None:
    """One unit square with its top-left corner at (col, row), rows counted downwards."""
    ax.add_patch(plt.Rectangle((col, -row - 1), 1, 1, facecolor=face, edgecolor="0.55", lw=0.8))
    if text:
        ax.text(col + 0.5, -row - 0.5, text, ha="center", va="center", **{"fontsize": 8, **style})


def _outline(ax: Axes, col: float, row: float, size: int, *, color: str) -> None:
    """A thick square outline of side ``size`` with its top-left corner at (col, row)."""
    ax.add_patch(
        plt.Rectangle((col, -row - size), size, size, fill=False, edgecolor=color, lw=2.4, zorder=3)
    )


def plot_convolution_steps(
    *,
    size: int = 5,
    kernel_size: int = 3,
    stride: int = 2,
    padding: int = 1,
    steps: int = 4,
    fig: Figure | None = None,
) -> Figure:
    """Draw a filter's window sliding over a padded input, one panel per step.

    Each panel shows the input (white squares) in its border of zeros (grey
    squares marked 0), the ``kernel_size`` × ``kernel_size`` window at one
    position (red outline), and the output grid beside it, whose cell for
    that position is filled in red; the cells of earlier steps are pale.
    The window moves ``stride`` squares at a time, along a row and then down
    to the next, so the output has
    ``(size + 2 * padding - kernel_size) // stride + 1`` cells per side.

    Parameters
    ----------
    size : int, default=5
        Side of the (square) input, 1 to 12.
    kernel_size : int, default=3
        Side of the window; at most ``size + 2 * padding``.
    stride : int, default=2
        Squares the window moves per step, at least 1.
    padding : int, default=1
        Squares of zeros added on each side, 0 to 3.
    steps : int, default=4
        Panels to draw: the first ``steps`` positions of the window, at most
        all of them (the number of output cells).
    fig : matplotlib.figure.Figure, default=None
        Where to draw; if None, a new figure sized to the panels, at most
        four to a row.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn on, one Axes per step, titled with the step and the
        output cell it computes.

    Raises
    ------
    TypeError
        If an argument other than ``fig`` is not an int, or ``fig`` is not a Figure.
    ValueError
        If an argument is out of range, or the window is larger than the
        padded input.

    Notes
    -----
    Introduced in the chapter "Convolutional neural networks".

    Examples
    --------
    >>> from annbook.plotting import plot_convolution_steps
    >>> fig = plot_convolution_steps(size=5, kernel_size=3, stride=2, padding=1, steps=3)
    >>> [ax.get_title() for ax in fig.axes]
    ['step 1: output (0, 0)', 'step 2: output (0, 1)', 'step 3: output (0, 2)']
    """
    size = check_int("size", size)
    kernel_size = check_int("kernel_size", kernel_size)
    stride = check_int("stride", stride)
    padding = check_int("padding", padding, minimum=0)
    steps = check_int("steps", steps)
    for name, value, top in (("size", size, 12), ("padding", padding, 3)):
        if value > top:
            msg = f"`{name}` must be at most {top}. Received: {name}={value}"
            raise ValueError(msg)
    padded = size + 2 * padding
    if kernel_size > padded:
        msg = (
            f"`kernel_size` must fit in the padded input of side {padded}. "
            f"Received: kernel_size={kernel_size}"
        )
        raise ValueError(msg)
    side = (padded - kernel_size) // stride + 1
    if steps > side * side:
        msg = f"`steps` must be at most the {side * side} window positions. Received: steps={steps}"
        raise ValueError(msg)
    ncols = min(steps, 4)
    nrows = -(-steps // ncols)
    width = padded + 1.5 + side
    fig = figure_or_new(fig, size=(0.3 * width * ncols + 0.3, 0.3 * padded * nrows + 0.5 * nrows))
    for step in range(steps):
        i, j = divmod(step, side)
        ax = fig.add_subplot(nrows, ncols, step + 1)
        for row in range(padded):
            for col in range(padded):
                pad = not (padding <= row < padding + size and padding <= col < padding + size)
                _cell(ax, col, row, face="0.85" if pad else "white", text="0" if pad else "",
                      color="0.4")  # fmt: skip
        _outline(ax, j * stride, i * stride, kernel_size, color="tab:red")
        left = padded + 1.5
        for row in range(side):
            for col in range(side):
                done = row * side + col
                face = "tab:red" if done == step else ("#f4c7c3" if done < step else "white")
                _cell(ax, left + col, row, face=face)
        ax.annotate(
            "", xy=(left + j + 0.5, -i - 0.5),
            xytext=(j * stride + kernel_size, -i * stride - kernel_size / 2),
            arrowprops={"arrowstyle": "->", "color": "tab:red", "lw": 1.2}, zorder=4,
        )  # fmt: skip
        ax.set_title(f"step {step + 1}: output ({i}, {j})", fontsize=9)
        ax.set_xlim(-0.2, width + 0.2)
        ax.set_ylim(-padded - 0.2, 0.2)
        ax.set_aspect("equal")
        ax.axis("off")
    return fig


def plot_max_pooling(
    values: np.ndarray | None = None, *, pool_size: int = 2, ax: Axes | None = None
) -> Axes:
    """Draw max pooling: each window of the input in its own colour, and the maxima it keeps.

    The input's windows of ``pool_size`` × ``pool_size`` squares, which do
    not overlap, are coloured one colour each and their largest value is
    printed in bold; the output beside it holds those maxima in the
    windows' colours. Rows and columns that do not fill a window are grey:
    pooling drops them, as Keras' ``MaxPooling2D`` does.

    Parameters
    ----------
    values : numpy.ndarray, default=None
        A 2-D array of numbers, each side from ``pool_size`` to 8; if None,
        the numbers 0 to 24 in a 5 × 5 grid.
    pool_size : int, default=2
        Side of the windows, which is also their stride.
    ax : matplotlib.axes.Axes, default=None
        Where to draw; if None, a new figure's Axes sized to the grids.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on; the output's numbers are the last texts in ``ax.texts``.

    Raises
    ------
    TypeError
        If ``values`` is not an array, ``pool_size`` not an int or ``ax`` not an Axes.
    ValueError
        If ``values`` is not 2-D or a side is below ``pool_size`` or above 8.

    Notes
    -----
    Introduced in the chapter "Convolutional neural networks".

    Examples
    --------
    >>> from annbook.plotting import plot_max_pooling
    >>> ax = plot_max_pooling()
    >>> [t.get_text() for t in ax.texts][-4:]
    ['6', '8', '16', '18']
    """
    pool_size = check_int("pool_size", pool_size)
    values = (
        np.arange(25).reshape(5, 5)
        if values is None
        else check_array("values", values, dtype="number", finite=True)
    )
    if values.ndim != 2 or not pool_size <= min(values.shape) <= max(values.shape) <= 8:
        msg = (
            f"`values` must be a 2-D array with sides from pool_size={pool_size} to 8. "
            f"Received: values.shape={values.shape}"
        )
        raise ValueError(msg)
    rows, cols = values.shape
    out_rows, out_cols = rows // pool_size, cols // pool_size
    ax = axes_or_new(ax, size=(0.45 * (cols + 2 + out_cols) + 0.3, 0.45 * rows + 0.5))
    colours = plt.get_cmap("Pastel1").colors

    def text(value: object) -> str:
        return f"{value:g}" if isinstance(value, float) else f"{value}"

    outputs = []
    for row in range(rows):
        for col in range(cols):
            i, j = row // pool_size, col // pool_size
            inside = i < out_rows and j < out_cols
            window = values[
                i * pool_size : (i + 1) * pool_size, j * pool_size : (j + 1) * pool_size
            ]
            biggest = inside and values[row, col] == window.max()
            face = colours[(i * out_cols + j) % len(colours)] if inside else "0.85"
            _cell(ax, col, row, face=face, text=text(values[row, col].item()),
                  fontweight="bold" if biggest else "normal",
                  color="black" if inside else "0.45")  # fmt: skip
    left = cols + 2
    for i in range(out_rows):
        for j in range(out_cols):
            window = values[
                i * pool_size : (i + 1) * pool_size, j * pool_size : (j + 1) * pool_size
            ]
            outputs.append((i, j, window.max().item()))
    ax.annotate(
        "max", xy=(left - 0.2, -out_rows / 2), xytext=(cols + 0.2, -out_rows / 2),
        ha="left", va="center", fontsize=8,
        arrowprops={"arrowstyle": "->", "lw": 1.2},
    )  # fmt: skip
    for i, j, biggest in outputs:
        face = colours[(i * out_cols + j) % len(colours)]
        _cell(ax, left + j, i, face=face, text=text(biggest), fontweight="bold", fontsize=9)
    ax.set_xlim(-0.2, left + out_cols + 0.2)
    ax.set_ylim(-rows - 0.2, 0.2)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax
