"""Hand-drawn diagrams: a neuron, a network graph, an RBM, an unrolled RNN, an LSTM cell,
a sliding convolution, max pooling, a data-parallel training step."""

from __future__ import annotations

import itertools

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from annbook._validation import check_array, check_choice, check_int, check_int_sequence
from annbook.plotting._figures import axes_or_new, figure_or_new

__all__ = [
    "plot_computation_graph",
    "plot_convolution_steps",
    "plot_data_parallel_step",
    "plot_lstm_cell",
    "plot_max_pooling",
    "plot_network_graph",
    "plot_neuron",
    "plot_rbm_and_feedforward",
    "plot_unrolled_rnn",
]


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
    left, the same layer drawn with its cycle, whose black square marks a
    delay of one step (the state that leaves ``h`` at step t comes back at
    step t + 1); for a many-to-one model its output ``y_T`` is dashed and
    marked as coming after the last step.

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
    ['$x_t$', '$h_t$', '$y_t$']
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
    # The folded layer, with its cycle; the black square on the loop is a delay of one step:
    # what leaves h at step t comes back into h at step t + 1.
    last = outputs == "last"
    for row, name in ((0, "x_t"), (1, "h_t"), (2, "y_T" if last else "y_t")):
        _box(ax, 0, row, f"${name}$", color=colours[name[0]])
    _arrow(ax, (0, 0.3), (0, 0.7))
    _arrow(ax, (0, 1.3), (0, 1.7), linestyle="--" if last else "-")
    ax.text(0.1, 0.5, "$W$", **weight)
    ax.text(0.1, 1.5, "$V$", **weight)
    ax.plot([0.4, 0.85, 0.85], [1.15, 1.15, 0.85], color="tab:red", lw=1.4, zorder=1)
    _arrow(ax, (0.85, 0.85), (0.4, 0.85), color="tab:red")
    ax.add_patch(plt.Rectangle((0.77, 0.92), 0.16, 0.16, color="black", zorder=2))
    ax.text(0.98, 1.0, "$U$", color="tab:red", **weight)
    if last:
        ax.text(0, 2.38, "after the last step", ha="center", va="bottom", fontsize=8)
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
    the forget gate ``f`` and a sum with ``i * c~``; the previous hidden
    state ``h`` and the input ``x`` are concatenated at the bottom and feed
    the four blocks (the gates ``f``, ``i``, ``o`` with a sigmoid, the
    candidate ``c~`` with tanh). A branch taps the new cell state into its
    own tanh, below the line, and the output gate scales it into the new
    hidden state, which leaves as the output and along the bottom into the
    next step.

    Parameters
    ----------
    ax : matplotlib.axes.Axes, default=None
        Where to draw; if None, a new figure's Axes, 8 by 4.8 inches.

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
    ax = axes_or_new(ax, size=(8, 4.8))
    ax.add_patch(
        plt.Rectangle((0.5, -0.2), 7.0, 4.0, facecolor="#f3f3f3", edgecolor="grey", zorder=0)
    )
    top, bottom = 3.4, 0.3
    # Cell state line, with x (forget) and + (write); nothing else touches it.
    _arrow(ax, (-0.3, top), (1.75, top), color="tab:red", lw=2.2)
    _arrow(ax, (2.25, top), (3.75, top), color="tab:red", lw=2.2)
    _arrow(ax, (4.25, top), (8.3, top), color="tab:red", lw=2.2)
    for x, op in ((2.0, "×"), (4.0, "+")):
        ax.add_patch(plt.Circle((x, top), 0.25, facecolor="white", edgecolor="black", zorder=2))
        ax.text(x, top, op, ha="center", va="center", fontsize=13, zorder=3)
    ax.text(-0.35, top + 0.25, "$c_{t-1}$", fontsize=12, color="tab:red")
    ax.text(8.0, top + 0.25, "$c_t$", fontsize=12, color="tab:red")
    # Inputs: h_{t-1} and x_t are concatenated, and the concatenation feeds all four blocks.
    _arrow(ax, (-0.3, bottom), (6.2, bottom), lw=1.6)
    _arrow(ax, (0.7, -0.9), (0.7, bottom - 0.05), lw=1.6)
    ax.add_patch(plt.Circle((0.7, bottom), 0.07, color="black", zorder=2))
    ax.text(-0.35, bottom + 0.15, "$h_{t-1}$", fontsize=12)
    ax.text(0.8, -0.9, "$x_t$", fontsize=12)
    ax.text(0.8, bottom + 0.12, "$[h_{t-1}, x_t]$", fontsize=10)
    # The four blocks, in the order Keras stores them is i, f, c~, o;
    # here drawn left to right by where they act: f, i, c~, o.
    blocks = [
        (2.0, "$\\sigma$", "forget", "$f_t$"),
        (3.2, "$\\sigma$", "input", "$i_t$"),
        (4.4, "tanh", "candidate", "$\\tilde{c}_t$"),
        (5.8, "$\\sigma$", "output", "$o_t$"),
    ]
    for x, text, name, symbol in blocks:
        _box(ax, x, 1.2, text, color="#fff2cc", width=0.7)
        _arrow(ax, (x, bottom), (x, 0.9))
        ax.text(x, -0.45, name, ha="center", va="center", fontsize=10)
        ax.text(x + 0.4, 1.65, symbol, ha="left", va="center", fontsize=11)
    _arrow(ax, (2.0, 1.5), (2.0, top - 0.25))
    # i * c~ goes up into the +.
    ax.add_patch(plt.Circle((3.8, 2.4), 0.22, facecolor="white", edgecolor="black", zorder=2))
    ax.text(3.8, 2.4, "×", ha="center", va="center", fontsize=12, zorder=3)
    _arrow(ax, (3.2, 1.5), (3.64, 2.24))
    _arrow(ax, (4.4, 1.5), (3.96, 2.24))
    _arrow(ax, (3.85, 2.62), (4.0, top - 0.25))
    # h_t = o * tanh(c_t): a branch taps c_t, below the line, into its own tanh.
    ax.add_patch(plt.Circle((6.9, top), 0.07, color="tab:red", zorder=2))
    _arrow(ax, (6.9, top), (6.9, 2.85), color="tab:red")
    _box(ax, 6.9, 2.55, "tanh", color="#fff2cc", width=0.7)
    ax.add_patch(plt.Circle((6.9, 1.6), 0.22, facecolor="white", edgecolor="black", zorder=2))
    ax.text(6.9, 1.6, "×", ha="center", va="center", fontsize=12, zorder=3)
    _arrow(ax, (6.9, 2.25), (6.9, 1.82))
    _arrow(ax, (6.15, 1.2), (6.7, 1.5))
    # h_t leaves twice: as the output, and along the bottom into the next step.
    _arrow(ax, (6.9, 1.38), (6.9, bottom + 0.02), lw=1.6)
    _arrow(ax, (6.9, bottom), (8.3, bottom), lw=1.6)
    _arrow(ax, (7.1, 1.6), (8.3, 1.6), lw=1.6)
    ax.text(8.0, bottom + 0.12, "$h_t$", fontsize=12)
    ax.text(7.75, 1.75, "$h_t$ (output)", fontsize=10)
    ax.set_xlim(-0.8, 9.3)
    ax.set_ylim(-1.1, 4.1)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


def _check_widths(name: str, widths: object, *, minimum: int, largest: int) -> list[int]:
    widths = check_int_sequence(name, widths)
    if len(widths) < minimum or max(widths) > largest:
        msg = (
            f"`{name}` must hold at least {minimum} widths, each from 1 to {largest}. "
            f"Received: {name}={widths!r}"
        )
        raise ValueError(msg)
    return widths


def _column(count: int, x: float, *, spacing: float = 0.9) -> list[tuple[float, float]]:
    """Centres of ``count`` units in a column at ``x``, centred on y = 0."""
    top = (count - 1) * spacing / 2
    return [(x, top - i * spacing) for i in range(count)]


def _unit(ax: Axes, centre: tuple[float, float], *, color: str, text: str = "") -> None:
    ax.add_patch(plt.Circle(centre, 0.25, facecolor=color, edgecolor="black", zorder=2))
    if text:
        ax.text(*centre, text, ha="center", va="center", fontsize=10, zorder=3)


def _link(
    ax: Axes,
    start: tuple[float, float],
    end: tuple[float, float],
    *,
    directed: bool,
    color: str = "dimgrey",
) -> None:
    """A line between two units' circles; with an arrow head if ``directed``."""
    (x0, y0), (x1, y1) = start, end
    length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    a, b = (x0 + 0.27 * ux, y0 + 0.27 * uy), (x1 - 0.27 * ux, y1 - 0.27 * uy)
    style = "-|>" if directed else "-"
    ax.annotate(
        "", xy=b, xytext=a, zorder=1,
        arrowprops={"arrowstyle": style, "lw": 0.9, "color": color, "shrinkA": 0,
                    "shrinkB": 0, "mutation_scale": 9},
    )  # fmt: skip


def plot_neuron(*, n_inputs: int = 3, ax: Axes | None = None) -> Axes:
    """Draw one artificial neuron: inputs, weights, weighted sum, activation, output.

    The inputs ``x_1 ... x_n`` enter on the left along arrows labelled with
    their weights ``w_i``; a node sums them with the bias ``b`` into ``z``;
    the activation function ``φ`` turns ``z`` into the output ``y``.

    Parameters
    ----------
    n_inputs : int, default=3
        How many inputs to draw (1 to 6).
    ax : matplotlib.axes.Axes, default=None
        Where to draw; if None, a new figure's Axes, 7 by 3.2 inches.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on, in equal units and with its axes hidden; the
        labels are in ``ax.texts``.

    Raises
    ------
    TypeError
        If ``n_inputs`` is not an int or ``ax`` not an Axes.
    ValueError
        If ``n_inputs`` is not between 1 and 6.

    Notes
    -----
    Introduced in the chapter "Artificial neurons and networks".

    Examples
    --------
    >>> from annbook.plotting import plot_neuron
    >>> ax = plot_neuron(n_inputs=2)
    >>> [t.get_text() for t in ax.texts if t.get_text()][:4]
    ['$x_1$', '$w_1$', '$x_2$', '$w_2$']
    """
    n_inputs = check_int("n_inputs", n_inputs)
    if n_inputs > 6:
        msg = f"`n_inputs` must be between 1 and 6. Received: n_inputs={n_inputs}"
        raise ValueError(msg)
    ax = axes_or_new(ax, size=(7, 3.2))
    total, act = (3.0, 0.0), (4.6, 0.0)
    for i, (x, y) in enumerate(_column(n_inputs, 0.0), start=1):
        _unit(ax, (x, y), color="#cfe2f3")
        ax.text(x - 0.4, y, f"$x_{i}$", ha="right", va="center", fontsize=12)
        _link(ax, (x, y), total, directed=True)
        ax.text(x + 1.1, y + 0.45 * (y - 0.0) / max(abs(y), 1) + 0.08, f"$w_{i}$",
                ha="center", fontsize=11, color="tab:red")  # fmt: skip
    ax.add_patch(plt.Circle(total, 0.45, facecolor="#fce5cd", edgecolor="black", zorder=2))
    ax.text(*total, r"$\Sigma$", ha="center", va="center", fontsize=16, zorder=3)
    ax.text(total[0], 1.5, "bias $b$", ha="center", fontsize=11)
    _arrow(ax, (total[0], 1.35), (total[0], 0.47))
    ax.text(total[0], -0.8, "$z = w^\\top x + b$", ha="center", va="top", fontsize=11)
    _arrow(ax, (total[0] + 0.47, 0), (act[0] - 0.42, 0))
    ax.text((total[0] + act[0]) / 2, 0.12, "$z$", ha="center", fontsize=11)
    _box(ax, act[0], act[1], r"$\varphi$", color="#fff2cc")
    ax.text(act[0], -0.45, "activation", ha="center", va="top", fontsize=9, color="dimgrey")
    _arrow(ax, (act[0] + 0.42, 0), (6.0, 0))
    ax.text(6.1, 0, "$y = \\varphi(z)$", va="center", fontsize=12)
    ax.text(0.0, -0.45 * n_inputs - 0.3, "inputs", ha="center", va="top", fontsize=9,
            color="dimgrey")  # fmt: skip
    ax.set_xlim(-1.0, 7.6)
    ax.set_ylim(-max(1.6, 0.45 * n_inputs + 0.7), max(1.9, 0.45 * n_inputs + 0.3))
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


def _layers(
    ax: Axes,
    widths: list[int],
    *,
    gap: float,
    directed: bool,
    upwards: bool = False,
    shift: float = 0.0,
    labels: list[list[str]] | None = None,
) -> None:
    """Draw fully connected layers: columns left to right, or rows bottom to top."""
    layers = []
    for i, width in enumerate(widths):
        along = [y for _, y in _column(width, 0.0)]
        layers.append([(shift + u, gap * i) if upwards else (gap * i, u) for u in along])
    for lower, upper in itertools.pairwise(layers):
        for start in lower:
            for end in upper:
                _link(ax, start, end, directed=directed)
    for i, layer in enumerate(layers):
        last = i == len(layers) - 1 and not upwards
        color = "#cfe2f3" if i == 0 else "#d9ead3" if last else "#fce5cd"
        for j, centre in enumerate(layer):
            _unit(ax, centre, color=color, text=labels[i][j] if labels else "")


def plot_network_graph(
    widths: object = (2, 4, 1), *, unit_labels: object = None, ax: Axes | None = None
) -> Axes:
    """Draw a fully connected feed-forward network as a graph of units.

    One column of circles per layer, input on the left; every unit of a
    layer sends an arrow to every unit of the next, and each arrow stands
    for one weight.

    Parameters
    ----------
    widths : sequence of int, default=(2, 4, 1)
        Units per layer, input first, output last: at least two layers,
        each of 1 to 12 units.
    unit_labels : sequence of sequences of str, default=None
        A label inside each unit, one sequence per layer, top unit first
        (for example ``[["$x_1$", "$x_2$"], ...]``, to match the rows and
        columns of the weight matrices). None: unlabelled units.
    ax : matplotlib.axes.Axes, default=None
        Where to draw; if None, a new figure's Axes, as wide as the layers need.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on, with its axes hidden; the layers' names are in
        ``ax.texts``, one arrow per weight in ``ax.texts`` too (as annotations).

    Raises
    ------
    TypeError
        If ``widths`` is not a sequence of ints or ``ax`` not an Axes.
    ValueError
        If ``widths`` has fewer than two layers or a width outside 1 to 12,
        or ``unit_labels`` does not hold one label per unit.

    Notes
    -----
    Introduced in the chapter "Artificial neurons and networks".

    Examples
    --------
    >>> from annbook.plotting import plot_network_graph
    >>> ax = plot_network_graph((2, 4, 1))
    >>> len(ax.patches)  # one circle per unit
    7
    >>> [t.get_text() for t in ax.texts if t.get_text()]
    ['input (2)', 'hidden 1 (4)', 'output (1)']
    >>> from matplotlib.figure import Figure
    >>> ax = plot_network_graph((2, 1), unit_labels=[["a", "b"], ["c"]], ax=Figure().add_subplot())
    >>> [t.get_text() for t in ax.texts if t.get_text()][:3]
    ['a', 'b', 'c']
    """
    widths = _check_widths("widths", widths, minimum=2, largest=12)
    labels = None
    if unit_labels is not None:
        if (
            isinstance(unit_labels, str)
            or not isinstance(unit_labels, list | tuple)
            or [len(layer) if isinstance(layer, list | tuple) else -1 for layer in unit_labels]
            != widths
            or not all(isinstance(text, str) for layer in unit_labels for text in layer)
        ):
            msg = (
                f"`unit_labels` must hold one sequence of str per layer, one label per unit "
                f"({widths}). Received: unit_labels={unit_labels!r}"
            )
            raise (ValueError if isinstance(unit_labels, list | tuple) else TypeError)(msg)
        labels = [list(layer) for layer in unit_labels]
    gap = 2.2
    ax = axes_or_new(ax, size=(1.0 + 1.8 * len(widths), 0.9 + 0.5 * max(widths)))
    _layers(ax, widths, gap=gap, directed=True, labels=labels)
    low = -(max(widths) - 1) * 0.45 - 0.5
    for i, width in enumerate(widths):
        name = "input" if i == 0 else "output" if i == len(widths) - 1 else f"hidden {i}"
        ax.text(gap * i, low, f"{name} ({width})", ha="center", va="top", fontsize=10)
    ax.set_xlim(-0.6, gap * (len(widths) - 1) + 0.6)
    ax.set_ylim(low - 0.5, -low - 0.2)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


#: Edge colours of the weights each RBM learns, and of the output layer's new weights.
_RBM_COLORS = ("tab:blue", "tab:orange", "tab:green", "tab:purple", "tab:brown", "tab:pink")
_NEW_WEIGHTS = "darkgrey"


def _rows(widths: list[int], *, x: float, gap: float) -> list[list[tuple[float, float]]]:
    """Centres of the units of layers drawn as rows, bottom to top, centred on ``x``."""
    return [[(x + u, gap * i) for _, u in _column(width, 0.0)] for i, width in enumerate(widths)]


def _connect(ax: Axes, lower: list, upper: list, *, directed: bool, color: str) -> None:
    for start in lower:
        for end in upper:
            _link(ax, start, end, directed=directed, color=color)


def plot_rbm_and_feedforward(widths: object = (4, 3, 2), *, ax: Axes | None = None) -> Axes:
    """Draw greedy layer-wise pre-training: stacked RBMs, then the network they initialise.

    For a feed-forward network with layer widths ``widths`` (input first,
    output last), one restricted Boltzmann machine per pair of neighbouring
    layers below the output: RBM 1 joins the input (its visible units) to
    the first hidden layer, every visible unit to every hidden unit by an
    undirected edge and no edge within a layer (an undirected bipartite
    graph); once trained, its hidden units' activities, the codes of the
    data, are the visible units of RBM 2, and so on. On the right the RBMs'
    weights, unrolled into a directed network from input to output, with an
    output layer added on top; each RBM's edges keep their colour there, the
    output layer's new weights are grey. Fine-tuning then trains the whole
    network.

    Parameters
    ----------
    widths : sequence of int, default=(4, 3, 2)
        Units per layer of the feed-forward network, input first, output
        last: at least three layers (at least one RBM), each of 1 to 8 units.
    ax : matplotlib.axes.Axes, default=None
        Where to draw; if None, a new figure's Axes, as wide as the RBMs need.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on, with its axes hidden; the titles and layer names
        are in ``ax.texts``, the edges too (as annotations).

    Raises
    ------
    TypeError
        If ``widths`` is not a sequence of ints or ``ax`` not an Axes.
    ValueError
        If ``widths`` has fewer than three layers, more than seven, or a
        width outside 1 to 8.

    Notes
    -----
    Introduced in the chapter "Deep neural networks".

    Examples
    --------
    >>> from annbook.plotting import plot_rbm_and_feedforward
    >>> ax = plot_rbm_and_feedforward((4, 3, 2))
    >>> len(ax.patches)  # the RBM's 4 + 3 units, the network's 4 + 3 + 2
    16
    >>> ax = plot_rbm_and_feedforward((5, 4, 3, 2))
    >>> len(ax.patches)  # RBM 1: 5 + 4, RBM 2: 4 + 3, the network: 5 + 4 + 3 + 2
    30
    """
    widths = _check_widths("widths", widths, minimum=3, largest=8)
    if len(widths) > len(_RBM_COLORS) + 1:
        msg = (
            f"`widths` must hold at most {len(_RBM_COLORS) + 1} layers. Received: widths={widths!r}"
        )
        raise ValueError(msg)
    n_rbms = len(widths) - 2
    gap, top = 1.6, max(widths)
    step = 0.9 * top + 2.2
    ax = axes_or_new(ax, size=(2.6 * (n_rbms + 1) + 0.6, 1.3 + 1.1 * len(widths)))
    title_y = gap * (len(widths) - 1) + 0.5
    for k in range(n_rbms):
        x, color = step * k, _RBM_COLORS[k]
        visible, hidden = _rows(widths[k : k + 2], x=x, gap=gap)
        _connect(ax, visible, hidden, directed=False, color=color)
        for row, face in ((visible, "#cfe2f3" if k == 0 else "#fce5cd"), (hidden, "#fce5cd")):
            for centre in row:
                _unit(ax, centre, color=face)
        below = "input $x$" if k == 0 else f"codes $h^{{{k}}}$"
        ax.text(x, -0.55, below, ha="center", va="top", fontsize=10)
        ax.text(x, gap + 0.45, f"$h^{{{k + 1}}}$", ha="center", va="bottom", fontsize=10)
        ax.text(x, title_y, f"RBM {k + 1}\nundirected", ha="center", va="bottom",
                fontsize=11, color=color)  # fmt: skip
        after = "codes" if k < n_rbms - 1 else "unroll"
        middle = x + step / 2
        ax.annotate("", xy=(middle + 0.5, gap / 2), xytext=(middle - 0.5, gap / 2),
                    arrowprops={"arrowstyle": "-|>", "lw": 1.4, "color": "black"})  # fmt: skip
        ax.text(middle, gap / 2 + 0.2, after, ha="center", va="bottom", fontsize=9)
    x = step * n_rbms
    rows = _rows(widths, x=x, gap=gap)
    for i, (lower, upper) in enumerate(itertools.pairwise(rows)):
        color = _RBM_COLORS[i] if i < n_rbms else _NEW_WEIGHTS
        _connect(ax, lower, upper, directed=True, color=color)
    for i, row in enumerate(rows):
        face = "#cfe2f3" if i == 0 else "#d9ead3" if i == len(rows) - 1 else "#fce5cd"
        for centre in row:
            _unit(ax, centre, color=face)
    ax.text(x + 0.45 * top + 0.1, gap * (len(widths) - 1), "output\n(new weights)",
            va="center", fontsize=9)  # fmt: skip
    ax.text(x, title_y, "network: directed,\nfine-tuned with labels", ha="center",
            va="bottom", fontsize=11)  # fmt: skip
    ax.set_xlim(-0.45 * top - 0.3, x + 0.45 * top + 1.6)
    ax.set_ylim(-1.1, title_y + 0.9)
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


def _number(value: float) -> str:
    """A number as short as it is exact, with a true minus sign: 3, −1, 0.25."""
    return f"{value:g}".replace("-", "\N{MINUS SIGN}")


def _check_steps_numbers(
    values: object, kernel: object, size: int, kernel_size: int
) -> tuple[np.ndarray | None, np.ndarray | None]:
    """The input's and the window's numbers, checked against their sides; or (None, None)."""
    if values is None:
        if kernel is not None:
            msg = "`kernel` needs `values`, the input it is applied to. Received: values=None"
            raise ValueError(msg)
        return None, None
    values = check_array("values", values, ndim=2, dtype="number", finite=True)
    if values.shape != (size, size):
        msg = f"`values` must have shape ({size}, {size}). Received: values.shape={values.shape}"
        raise ValueError(msg)
    if kernel is None:
        return values, np.ones((kernel_size, kernel_size))
    kernel = check_array("kernel", kernel, ndim=2, dtype="number", finite=True)
    if kernel.shape != (kernel_size, kernel_size):
        msg = (
            f"`kernel` must have shape ({kernel_size}, {kernel_size}). "
            f"Received: kernel.shape={kernel.shape}"
        )
        raise ValueError(msg)
    return values, kernel


def plot_convolution_steps(
    *,
    size: int = 5,
    kernel_size: int = 3,
    stride: int = 2,
    padding: int = 1,
    steps: int = 4,
    values: np.ndarray | None = None,
    kernel: np.ndarray | None = None,
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

    Given ``values``, the input's squares show its numbers, the window's
    squares also show the weight each is multiplied by (small, in red, at
    the bottom right), and the output cells show what the steps so far
    computed: the sum of the products under the window, without flipping
    the kernel, as Keras' ``Conv2D`` computes it (a cross-correlation), so
    that a reader can recompute every output.

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
    values : numpy.ndarray, default=None
        The input's numbers, shape (size, size); if None, the squares are
        drawn without numbers.
    kernel : numpy.ndarray, default=None
        The window's weights, shape (kernel_size, kernel_size), used with
        ``values``; if None, all ones.
    fig : matplotlib.figure.Figure, default=None
        Where to draw; if None, a new figure sized to the panels, at most
        four to a row (two with numbers).

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn on, one Axes per step, titled with the step and the
        output cell it computes; with ``values``, the last text of each
        Axes is the output that step computes.

    Raises
    ------
    TypeError
        If an int argument is not an int, ``values`` or ``kernel`` is not an
        array of numbers, or ``fig`` is not a Figure.
    ValueError
        If an argument is out of range, the window is larger than the
        padded input, ``values`` or ``kernel`` has another shape than its
        side says or holds NaN or infinity, or ``kernel`` comes without
        ``values``.

    Notes
    -----
    Introduced in the chapter "Convolutional neural networks".

    Examples
    --------
    >>> import numpy as np
    >>> from annbook.plotting import plot_convolution_steps
    >>> fig = plot_convolution_steps(size=5, kernel_size=3, stride=2, padding=1, steps=3)
    >>> [ax.get_title() for ax in fig.axes]
    ['step 1: output (0, 0)', 'step 2: output (0, 1)', 'step 3: output (0, 2)']
    >>> fig = plot_convolution_steps(values=np.arange(25).reshape(5, 5), steps=2)
    >>> [ax.texts[-1].get_text() for ax in fig.axes]  # 0 + 1 + 5 + 6, then 1 + 2 + 3 + 6 + 7 + 8
    ['12', '27']
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
    values, kernel = _check_steps_numbers(values, kernel, size, kernel_size)
    numbers = values is not None
    if not numbers:
        values, kernel = np.zeros((size, size)), np.ones((kernel_size, kernel_size))
    grid = np.pad(values.astype(float), padding)
    outputs = np.zeros((side, side))
    for i, j in itertools.product(range(side), repeat=2):
        window = grid[i * stride : i * stride + kernel_size, j * stride : j * stride + kernel_size]
        outputs[i, j] = float((window * kernel).sum())
    ncols = min(steps, 2 if numbers else 4)
    nrows = -(-steps // ncols)
    width = padded + 1.5 + side
    square = 0.45 if numbers else 0.3
    fig = figure_or_new(
        fig, size=(square * width * ncols + 0.3, square * padded * nrows + 0.5 * nrows)
    )
    for step in range(steps):
        i, j = divmod(step, side)
        ax = fig.add_subplot(nrows, ncols, step + 1)
        _steps_input(ax, grid, kernel, padding=padding, corner=(i * stride, j * stride),
                     numbers=numbers)  # fmt: skip
        left = padded + 1.5
        if not numbers:  # with numbers, an arrow would cross them; the colour links the two
            ax.annotate(
                "", xy=(left + j + 0.5, -i - 0.5),
                xytext=(j * stride + kernel_size, -i * stride - kernel_size / 2),
                arrowprops={"arrowstyle": "->", "color": "tab:red", "lw": 1.2}, zorder=4,
            )  # fmt: skip
        _steps_output(ax, outputs, left=left, step=step, numbers=numbers)
        ax.set_title(f"step {step + 1}: output ({i}, {j})", fontsize=9)
        ax.set_xlim(-0.2, width + 0.2)
        ax.set_ylim(-padded - 0.2, 0.2)
        ax.set_aspect("equal")
        ax.axis("off")
    return fig


def _steps_input(
    ax: Axes,
    grid: np.ndarray,
    kernel: np.ndarray,
    *,
    padding: int,
    corner: tuple[int, int],
    numbers: bool,
) -> None:
    """The padded input of one step and the window at ``corner`` (row, column).

    With ``numbers``, each square shows its number, and each square under
    the window also its weight, small and red, at its bottom right.
    """
    padded, size, top = len(grid), len(grid) - 2 * padding, corner
    for row, col in itertools.product(range(padded), repeat=2):
        pad = not (padding <= row < padding + size and padding <= col < padding + size)
        text = _number(grid[row, col].item()) if numbers and not pad else ("0" if pad else "")
        _cell(ax, col, row, face="0.85" if pad else "white", text=text,
              color="0.4" if pad else "black")  # fmt: skip
        u, v = row - top[0], col - top[1]
        if numbers and 0 <= u < len(kernel) and 0 <= v < len(kernel):
            ax.text(col + 0.95, -row - 0.95, f"×{_number(kernel[u, v].item())}",
                    ha="right", va="bottom", fontsize=5.5, color="tab:red")  # fmt: skip
    _outline(ax, top[1], top[0], len(kernel), color="tab:red")


def _steps_output(ax: Axes, outputs: np.ndarray, *, left: float, step: int, numbers: bool) -> None:
    """The output grid after ``step``: that step's cell red, earlier ones pale, numbers if asked."""
    side = len(outputs)
    for row, col in itertools.product(range(side), repeat=2):
        done = row * side + col
        face = "tab:red" if done == step else ("#f4c7c3" if done < step else "white")
        text = _number(outputs[row, col]) if numbers and done <= step else ""
        _cell(ax, left + col, row, face=face, text=text,
              color="white" if done == step else "black",
              fontweight="bold" if done == step else "normal")  # fmt: skip


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


def plot_computation_graph(
    nodes: object, *, derivatives: object = None, ax: Axes | None = None
) -> Axes:
    """Draw a chain of computations, forward above, and the chain rule's way back below.

    Each node is one value computed from the one before it (left to
    right). Between two nodes, the forward arrow points right; if
    ``derivatives`` is given, a red arrow below points left, labelled with
    the local derivative that the chain rule multiplies in on the way back.

    Parameters
    ----------
    nodes : sequence of str
        The values, first input first (2 to 8 of them); mathtext allowed.
    derivatives : sequence of str, default=None
        One label per pair of neighbours (``len(nodes) - 1``): the local
        derivative of each node with respect to the one before it.
    ax : matplotlib.axes.Axes, default=None
        Where to draw; if None, a new figure's Axes, as wide as the chain.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on, with its axes hidden; the labels are in ``ax.texts``.

    Raises
    ------
    TypeError
        If ``nodes`` or ``derivatives`` is not a sequence of str, or ``ax``
        not an Axes.
    ValueError
        If there are fewer than 2 or more than 8 nodes, or not one
        derivative per pair of neighbours.

    Notes
    -----
    Introduced in the chapter "Artificial neurons and networks", for
    backpropagation through one path of a network.

    Examples
    --------
    >>> from annbook.plotting import plot_computation_graph
    >>> from matplotlib.figure import Figure
    >>> ax = plot_computation_graph(["$x$", "$z$", "$L$"], derivatives=["$w$", "$L'(z)$"],
    ...                             ax=Figure().add_subplot())
    >>> [t.get_text() for t in ax.texts if t.get_text()]  # arrows are empty annotations
    ['$x$', '$z$', '$L$', '$w$', "$L'(z)$"]
    """

    def strings(name: str, value: object) -> list[str]:
        if isinstance(value, str) or not isinstance(value, list | tuple):
            msg = f"`{name}` must be a sequence of str. Received: {name}={value!r}"
            raise TypeError(msg)
        if not all(isinstance(text, str) for text in value):
            msg = f"`{name}` must hold str only. Received: {name}={value!r}"
            raise TypeError(msg)
        return list(value)

    nodes = strings("nodes", nodes)
    if not 2 <= len(nodes) <= 8:
        msg = f"`nodes` must hold 2 to 8 values. Received: nodes={nodes!r}"
        raise ValueError(msg)
    if derivatives is not None:
        derivatives = strings("derivatives", derivatives)
        if len(derivatives) != len(nodes) - 1:
            msg = (
                f"`derivatives` must hold one label per pair of neighbours ({len(nodes) - 1}). "
                f"Received: derivatives={derivatives!r}"
            )
            raise ValueError(msg)
    gap = 1.9
    ax = axes_or_new(ax, size=(1.2 + 1.5 * len(nodes), 1.9))
    for i, text in enumerate(nodes):
        _box(ax, gap * i, 0.0, text, color="#cfe2f3" if i == 0 else "#fce5cd", width=0.9)
    for i in range(len(nodes) - 1):
        _arrow(ax, (gap * i + 0.47, 0.12), (gap * (i + 1) - 0.47, 0.12))
    for i, text in enumerate(derivatives or []):
        _arrow(ax, (gap * (i + 1) - 0.47, -0.15), (gap * i + 0.47, -0.15), color="tab:red")
        ax.text(gap * (i + 0.5), -0.45, text, ha="center", va="top", fontsize=10, color="tab:red")
    ax.set_xlim(-0.7, gap * (len(nodes) - 1) + 0.7)
    ax.set_ylim(-1.1, 0.5)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


def plot_data_parallel_step(*, replicas: int = 2, ax: Axes | None = None) -> Axes:
    """Draw one step of synchronous data-parallel training.

    From the top: the global batch is split into one part per replica;
    each replica runs the forward and backward pass on its part with its
    own copy of the weights and gets its own gradient ``g_r``; an all-reduce
    sums the gradients, so that every replica receives the same ``g``; each
    replica applies the same update to its copy, which keeps the copies
    equal.

    Parameters
    ----------
    replicas : int, default=2
        How many replicas to draw (2 to 4).
    ax : matplotlib.axes.Axes, default=None
        Where to draw; if None, a new figure's Axes sized to the diagram.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on; its labels (the non-empty texts) from the top row
        down, left to right.

    Raises
    ------
    TypeError
        If ``replicas`` is not an int or ``ax`` not an Axes.
    ValueError
        If ``replicas`` is not from 2 to 4.

    Notes
    -----
    Introduced in the chapter "Training on many devices".

    Examples
    --------
    >>> from annbook.plotting import plot_data_parallel_step
    >>> ax = plot_data_parallel_step(replicas=2)
    >>> labels = [t.get_text() for t in ax.texts if t.get_text()]
    >>> labels[:3], labels[-1]
    (['global batch', 'replica 1: batch / 2', 'replica 2: batch / 2'], 'replica 2: w ← w − η g')
    """
    replicas = check_int("replicas", replicas, minimum=2, maximum=4)
    width = 2.6 * replicas
    ax = axes_or_new(ax, size=(1.1 + 1.9 * replicas, 3.6))
    centres = [1.3 + 2.6 * r for r in range(replicas)]
    middle = width / 2
    box_width = 2.3
    _box(ax, middle, 5.0, "global batch", color="#dbe9f6", width=width - 0.4)
    for r, x in enumerate(centres, start=1):
        _box(ax, x, 3.9, f"replica {r}: batch / {replicas}", color="#dbe9f6", width=box_width)
        _arrow(ax, (x, 4.7), (x, 4.2))
    for r, x in enumerate(centres, start=1):
        _box(ax, x, 2.8, f"forward, backward\n→ gradient g{r}", color="#fde2c8", width=box_width)
        _arrow(ax, (x, 3.6), (x, 3.1))
    terms = " + ".join(f"g{r}" for r in range(1, replicas + 1))
    _box(ax, middle, 1.7, f"all-reduce: g = {terms}", color="#e5d4ef", width=width - 0.4)
    for r, x in enumerate(centres, start=1):
        _arrow(ax, (x, 2.5), (x, 2.0))
        _box(ax, x, 0.6, f"replica {r}: w ← w − η g", color="#d7efd1", width=box_width)
        _arrow(ax, (x, 1.4), (x, 0.9))
    for text in ax.texts:
        text.set_fontsize(9 if replicas == 2 else 8)
    ax.set_xlim(0, width)
    ax.set_ylim(0.1, 5.5)
    ax.axis("off")
    return ax
