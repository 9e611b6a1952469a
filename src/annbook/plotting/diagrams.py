"""Hand-drawn diagrams of recurrent layers: an RNN unrolled through time, an LSTM cell."""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.axes import Axes

from annbook._validation import check_choice, check_int
from annbook.plotting._figures import axes_or_new

__all__ = ["plot_lstm_cell", "plot_unrolled_rnn"]


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


def plot_unrolled_rnn(*, steps: int = 4, outputs: str = "all", ax: Axes | None = None) -> Axes:
    """Draw a recurrent layer unrolled through time.

    One column per time step: the input ``x_t`` feeds the hidden state
    ``h_t`` through the input weights ``W``, each hidden state feeds the
    next one through the recurrent weights ``U``, and a hidden state feeds
    an output ``y_t`` through the output weights ``V``, as in
    ``h_t = tanh(x_t W + h_{t-1} U + b)`` and ``y_t = h_t V + c``. On the
    left, the same layer drawn with its cycle.

    Parameters
    ----------
    steps : int, default=4
        How many time steps to draw (1 to 8).
    outputs : {"all", "last"}, default="all"
        ``"all"`` draws an output at every step (many-to-many, a model that
        answers at each step); ``"last"`` only after the last step
        (many-to-one, a model that reads a whole sequence, then answers).
    ax : matplotlib.axes.Axes, default=None
        Where to draw; if None, a new figure's Axes, as wide as the steps need.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on, in equal units and with its axes hidden.

    Raises
    ------
    TypeError
        If ``steps`` is not an int, ``outputs`` not a str or ``ax`` not an Axes.
    ValueError
        If ``steps`` is not between 1 and 8, or ``outputs`` is not one of
        the two choices.

    Notes
    -----
    Introduced in the chapter "Recurrent neural networks".

    Examples
    --------
    >>> from annbook.plotting import plot_unrolled_rnn
    >>> ax = plot_unrolled_rnn(steps=3)
    >>> [t.get_text() for t in ax.texts][:3]
    ['$x$', '$h$', '$y$']
    >>> labels = [t.get_text() for t in plot_unrolled_rnn(steps=3, outputs="last").texts]
    >>> "$y_3$" in labels, "$y_2$" in labels
    (True, False)
    """
    steps = check_int("steps", steps)
    if steps > 8:
        msg = f"`steps` must be between 1 and 8. Received: steps={steps}"
        raise ValueError(msg)
    outputs = check_choice("outputs", outputs, ("all", "last"))
    ax = axes_or_new(ax, size=(2.0 + 1.6 * steps, 3.4))
    colours = {"x": "#cfe2f3", "h": "#fce5cd", "y": "#d9ead3"}
    weight = {"fontsize": 11, "va": "center"}
    # The folded layer, with its cycle.
    for row, name in ((0, "x"), (1, "h"), (2, "y")):
        _box(ax, 0, row, f"${name}$", color=colours[name])
    _arrow(ax, (0, 0.3), (0, 0.7))
    _arrow(ax, (0, 1.3), (0, 1.7))
    ax.text(0.1, 0.5, "$W$", **weight)
    ax.text(0.1, 1.5, "$V$", **weight)
    ax.annotate(
        "", xy=(0.4, 0.9), xytext=(0.4, 1.1),
        arrowprops={"arrowstyle": "->", "lw": 1.4, "color": "tab:red",
                    "connectionstyle": "arc,angleA=0,angleB=0,armA=22,armB=22,rad=6"},
    )  # fmt: skip
    ax.text(0.92, 1.0, "$U$", color="tab:red", **weight)
    ax.text(1.6, 1.0, "=", ha="center", va="center", fontsize=18)
    first = 3.4
    # The same layer, unrolled.
    for t in range(steps):
        x = first + 1.6 * t
        label = f"{t + 1}"
        _box(ax, x, 0, f"$x_{label}$", color=colours["x"])
        _box(ax, x, 1, f"$h_{label}$", color=colours["h"])
        _arrow(ax, (x, 0.3), (x, 0.7))
        ax.text(x + 0.08, 0.5, "$W$", fontsize=10, va="center")
        if outputs == "all" or t == steps - 1:
            _box(ax, x, 2, f"$y_{label}$", color=colours["y"])
            _arrow(ax, (x, 1.3), (x, 1.7))
            ax.text(x + 0.08, 1.5, "$V$", fontsize=10, va="center")
        _arrow(ax, (x - 1.2, 1.0), (x - 0.4, 1.0), color="tab:red")
        ax.text(x - 0.8, 1.08, "$U$", fontsize=10, color="tab:red", ha="center")
    ax.text(first - 1.25, 1.0, "$h_0$", va="center", ha="right", fontsize=11)
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
        (2.0, "$\\sigma$", "forget\n$f_t$"),
        (3.2, "$\\sigma$", "input\n$i_t$"),
        (4.4, "tanh", "candidate\n$\\tilde{c}_t$"),
        (5.8, "$\\sigma$", "output\n$o_t$"),
    ]
    for x, text, name in blocks:
        _box(ax, x, 1.3, text, color="#fff2cc", width=0.7)
        _arrow(ax, (x, bottom), (x, 1.0))
        ax.text(
            x, 0.65, name, ha="center", va="center", fontsize=10, linespacing=1.1, zorder=3,
            bbox={"facecolor": "#f3f3f3", "edgecolor": "none", "pad": 1},
        )  # fmt: skip
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
