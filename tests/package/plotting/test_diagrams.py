"""Hand-drawn diagrams: a neuron, a network graph, an RBM, recurrent layers, a sliding
convolution, max pooling, a data-parallel step."""

import numpy as np
import pytest
from matplotlib.figure import Figure

from annbook.plotting import (
    plot_computation_graph,
    plot_convolution_steps,
    plot_data_parallel_step,
    plot_lstm_cell,
    plot_max_pooling,
    plot_network_graph,
    plot_neuron,
    plot_rbm_and_feedforward,
    plot_unrolled_rnn,
)
from annbook.scratch.conv import conv2d


def test_unrolled_rnn_draws_one_column_per_step():

    ax = plot_unrolled_rnn(steps=5)
    labels = [t.get_text() for t in ax.texts]
    assert "$h_5$" in labels
    assert "$h_6$" not in labels
    assert ax.figure.get_size_inches() == pytest.approx([2.0 + 1.6 * 5, 3.4])


@pytest.mark.parametrize(("outputs", "drawn"), [("all", [1, 2, 3]), ("last", [3])])
def test_unrolled_rnn_draws_outputs_where_the_model_has_them(outputs, drawn):
    labels = [t.get_text() for t in plot_unrolled_rnn(steps=3, outputs=outputs).texts]
    assert [step for step in (1, 2, 3) if f"$y_{step}$" in labels] == drawn
    # one V per output drawn, plus the folded layer's; U and W on every step too
    assert labels.count("$V$") == len(drawn) + 1
    assert labels.count("$U$") == labels.count("$W$") == 3 + 1


@pytest.mark.parametrize(("outputs", "folded_output"), [("all", "$y_t$"), ("last", "$y_T$")])
def test_folded_rnn_marks_its_delay_and_its_kind_of_output(outputs, folded_output):
    ax = plot_unrolled_rnn(steps=3, outputs=outputs)
    labels = [t.get_text() for t in ax.texts]
    assert labels[:3] == ["$x_t$", "$h_t$", folded_output]
    squares = [p for p in ax.patches if p.get_facecolor()[:3] == (0.0, 0.0, 0.0)]
    assert len(squares) == 1  # the one-step delay on the loop


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"steps": 0}, ValueError, r"steps=0"),
        ({"steps": 9}, ValueError, r"steps=9"),
        ({"steps": -1}, ValueError, r"steps=-1"),
        ({"steps": 2.0}, TypeError, r"steps=2.0"),
        ({"steps": True}, TypeError, r"steps=True"),
        ({"ax": "axes"}, TypeError, r"ax='axes'"),
        ({"outputs": "first"}, ValueError, r"outputs='first'"),
        ({"outputs": "ALL"}, ValueError, r"outputs='ALL'"),
        ({"outputs": None}, TypeError, r"outputs=None"),
        ({"outputs": 1}, TypeError, r"outputs=1"),
        ({"ax": Figure()}, TypeError, r"ax=<Figure size"),
    ],
)
def test_unrolled_rnn_bad_arguments(kwargs, error, match):

    with pytest.raises(error, match=match):
        plot_unrolled_rnn(**kwargs)


def test_lstm_cell_diagram_names_its_gates():
    labels = " ".join(t.get_text() for t in plot_lstm_cell().texts)
    for gate in ("forget", "input", "candidate", "output"):
        assert gate in labels


@pytest.mark.parametrize(
    ("ax", "match"),
    [
        (3, r"ax=3"),
        ("left", r"ax='left'"),
        (True, r"ax=True"),
        ([None], r"ax=\[None\]"),
        (Figure(), r"ax=<Figure size"),
    ],
)
def test_lstm_cell_diagram_bad_ax(ax, match):
    with pytest.raises(TypeError, match=match):
        plot_lstm_cell(ax=ax)


def test_neuron_diagram_labels_every_input_and_weight():
    labels = [t.get_text() for t in plot_neuron(n_inputs=4).texts]
    for i in range(1, 5):
        assert f"$x_{i}$" in labels
        assert f"$w_{i}$" in labels
    assert "$x_5$" not in labels
    assert r"$y = \varphi(z)$" in labels


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"n_inputs": 0}, ValueError, r"n_inputs=0"),
        ({"n_inputs": 7}, ValueError, r"n_inputs=7"),
        ({"n_inputs": 2.5}, TypeError, r"n_inputs=2.5"),
        ({"n_inputs": "3"}, TypeError, r"n_inputs='3'"),
        ({"n_inputs": True}, TypeError, r"n_inputs=True"),
        ({"ax": Figure()}, TypeError, r"ax=<Figure size"),
    ],
)
def test_neuron_diagram_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        plot_neuron(**kwargs)


def test_network_graph_draws_one_unit_per_width_and_one_arrow_per_weight():
    ax = plot_network_graph((3, 5, 2))
    assert len(ax.patches) == 3 + 5 + 2
    arrows = [t for t in ax.texts if not t.get_text()]
    assert len(arrows) == 3 * 5 + 5 * 2
    names = [t.get_text() for t in ax.texts if t.get_text()]
    assert names == ["input (3)", "hidden 1 (5)", "output (2)"]


@pytest.mark.parametrize(
    ("widths", "error", "match"),
    [
        ((2,), ValueError, r"widths=\[2\]"),
        ((2, 13), ValueError, r"widths=\[2, 13\]"),
        ((2, 0, 1), ValueError, r"widths\[1\]=0"),
        ((2, 1.5), TypeError, r"widths\[1\]=1.5"),
        ("241", TypeError, r"widths='241'"),
        (4, TypeError, r"widths=4"),
    ],
)
def test_network_graph_bad_widths(widths, error, match):
    with pytest.raises(error, match=match):
        plot_network_graph(widths)


def test_network_graph_labels_each_unit():
    labels = [["$x_1$", "$x_2$"], ["$h_1$", "$h_2$", "$h_3$"], ["$p$"]]
    ax = plot_network_graph((2, 3, 1), unit_labels=labels)
    texts = [t.get_text() for t in ax.texts if t.get_text()]
    assert texts[:6] == ["$x_1$", "$x_2$", "$h_1$", "$h_2$", "$h_3$", "$p$"]


@pytest.mark.parametrize(
    ("labels", "error", "match"),
    [
        ([["a", "b"], ["c"]], ValueError, r"unit_labels=\[\['a', 'b'\], \['c'\]\]"),
        ([["a", "b"], ["c", "d", "e"], [1]], ValueError, r"one label per unit"),
        ("abc", TypeError, r"unit_labels='abc'"),
    ],
)
def test_network_graph_bad_unit_labels(labels, error, match):
    with pytest.raises(error, match=match):
        plot_network_graph((2, 3, 1), unit_labels=labels)


def test_computation_graph_draws_forward_and_backward_arrows():
    ax = plot_computation_graph(["$x$", "$z$", "$h$", "$L$"], derivatives=["a", "b", "c"])
    assert len(ax.patches) == 4
    assert [t.get_text() for t in ax.texts if t.get_text()] == ["$x$", "$z$", "$h$", "$L$",
                                                               "a", "b", "c"]  # fmt: skip
    arrows = [t for t in ax.texts if not t.get_text()]
    assert len(arrows) == 3 + 3
    assert len([t for t in plot_computation_graph(["a", "b"]).texts if not t.get_text()]) == 1


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "match"),
    [
        (["xz"], {}, TypeError, r"nodes='xz'"),
        ([["x", 1]], {}, TypeError, r"nodes=\['x', 1\]"),
        ([["x"]], {}, ValueError, r"nodes=\['x'\]"),
        ([["x", "z"]], {"derivatives": ["a", "b"]}, ValueError, r"derivatives=\['a', 'b'\]"),
        ([["x", "z"]], {"derivatives": "a"}, TypeError, r"derivatives='a'"),
    ],
)
def test_computation_graph_bad_arguments(args, kwargs, error, match):
    with pytest.raises(error, match=match):
        plot_computation_graph(*args, **kwargs)


def test_rbm_diagram_stacks_undirected_rbms_then_a_directed_network():
    ax = plot_rbm_and_feedforward((5, 4, 3, 2))
    assert len(ax.patches) == (5 + 4) + (4 + 3) + (5 + 4 + 3 + 2)
    edges = [t for t in ax.texts if not t.get_text()]
    styles = [type(t.arrow_patch.get_arrowstyle()).__name__ for t in edges]
    assert styles.count("Curve") == 5 * 4 + 4 * 3  # the RBMs' edges have no direction
    assert len(styles) - styles.count("Curve") == 2 + 5 * 4 + 4 * 3 + 3 * 2  # 2 panel arrows
    colors = [t.arrow_patch.get_edgecolor() for t in edges]
    first_rbm, network_first = colors[0], colors[5 * 4 + 4 * 3 + 1 + 1]
    assert tuple(first_rbm) == tuple(network_first)  # RBM 1's weights become the first layer's
    words = [t.get_text() for t in ax.texts if t.get_text()]
    assert "codes $h^{1}$" in words


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"widths": (4, 3)}, ValueError, r"widths=\[4, 3\]"),
        ({"widths": (9, 3, 2)}, ValueError, r"widths=\[9, 3, 2\]"),
        ({"widths": (2,) * 8}, ValueError, r"at most 7 layers"),
        ({"widths": (4, -1, 2)}, ValueError, r"widths\[1\]=-1"),
        ({"widths": None}, TypeError, r"widths=None"),
        ({"widths": (4, "3", 2)}, TypeError, r"widths\[1\]='3'"),
        ({"ax": "axes"}, TypeError, r"ax='axes'"),
    ],
)
def test_rbm_diagram_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        plot_rbm_and_feedforward(**kwargs)


def test_convolution_steps_one_panel_per_window_position():
    fig = plot_convolution_steps(size=5, kernel_size=3, stride=2, padding=1, steps=9)
    titles = [ax.get_title() for ax in fig.axes]
    assert len(titles) == 9  # (5 + 2 - 3) // 2 + 1 = 3 positions per side
    assert titles[3] == "step 4: output (1, 0)"
    assert titles[-1] == "step 9: output (2, 2)"
    # 7 x 7 padded input, 24 of its squares zeros, and 3 x 3 output cells
    first = fig.axes[0]
    assert sum(text.get_text() == "0" for text in first.texts) == 7 * 7 - 5 * 5
    assert len(first.patches) == 7 * 7 + 1 + 3 * 3


def test_convolution_steps_with_numbers_shows_what_conv2d_computes():
    values = np.arange(25.0).reshape(5, 5) % 4
    kernel = np.array([[1.0, 0.0, -1.0], [2.0, 0.0, -2.0], [1.0, 0.0, -1.0]])
    fig = plot_convolution_steps(values=values, kernel=kernel, steps=9)
    expected = conv2d(values[None, :, :, None], kernel[:, :, None, None], stride=2, padding=1)
    shown = [float(ax.texts[-1].get_text().replace("\N{MINUS SIGN}", "-")) for ax in fig.axes]
    np.testing.assert_array_equal(shown, expected.ravel())
    first = [text.get_text() for text in fig.axes[0].texts]
    assert "×2" in first  # the weights under the window
    assert "×\N{MINUS SIGN}1" in first
    assert len(fig.get_axes()) == 9
    assert fig.get_size_inches()[0] < 12  # two panels a row


def test_convolution_steps_with_values_and_no_kernel_sums_the_window():
    fig = plot_convolution_steps(size=3, kernel_size=3, padding=0, stride=1, steps=1,
                                 values=np.arange(9).reshape(3, 3))  # fmt: skip
    assert fig.axes[0].texts[-1].get_text() == "36"


def test_convolution_steps_without_padding_has_no_zeros():
    fig = plot_convolution_steps(size=4, kernel_size=3, stride=1, padding=0, steps=1)
    assert [text.get_text() for text in fig.axes[0].texts if text.get_text() == "0"] == []


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"size": 0}, ValueError, r"size=0"),
        ({"size": 13}, ValueError, r"size=13"),
        ({"padding": 4}, ValueError, r"padding=4"),
        ({"padding": -1}, ValueError, r"padding=-1"),
        ({"kernel_size": 8}, ValueError, r"kernel_size=8"),
        ({"steps": 10}, ValueError, r"steps=10"),
        ({"stride": 1.5}, TypeError, r"stride=1.5"),
        ({"fig": "figure"}, TypeError, r"fig='figure'"),
        ({"values": np.ones((4, 4))}, ValueError, r"values.shape=\(4, 4\)"),
        ({"values": [[1.0]]}, TypeError, r"values=list"),
        ({"values": np.full((5, 5), np.nan)}, ValueError, r"values"),
        ({"values": np.ones((5, 5)), "kernel": np.ones((2, 2))}, ValueError, r"kernel.shape"),
        ({"kernel": np.ones((3, 3))}, ValueError, r"values=None"),
    ],
)
def test_convolution_steps_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        plot_convolution_steps(**kwargs)


def test_max_pooling_keeps_the_maximum_of_each_window():
    values = np.array([[1, 5, 2, 0], [3, 4, 7, 1], [0, 0, 2, 2], [9, 1, 2, 3]])
    ax = plot_max_pooling(values)
    assert [text.get_text() for text in ax.texts][-4:] == ["5", "7", "9", "3"]


def test_max_pooling_greys_out_what_pooling_drops():
    ax = plot_max_pooling(np.arange(15.0).reshape(3, 5))
    grey = [patch for patch in ax.patches if patch.get_facecolor()[:3] == (0.85, 0.85, 0.85)]
    assert len(grey) == 15 - 2 * 4  # one output row of two windows of 2 x 2
    assert [text.get_text() for text in ax.texts][-2:] == ["6", "8"]


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "match"),
    [
        ((np.zeros(4),), {}, ValueError, r"values.shape=\(4,\)"),
        ((np.zeros((1, 4)),), {}, ValueError, r"values.shape=\(1, 4\)"),
        ((np.zeros((9, 9)),), {}, ValueError, r"values.shape=\(9, 9\)"),
        (([[1, 2], [3, 4]],), {}, TypeError, r"values=list"),
        ((np.array([["a", "b"], ["c", "d"]]),), {}, TypeError, r"values.dtype=<U1"),
        ((), {"pool_size": 0}, ValueError, r"pool_size=0"),
        ((), {"pool_size": 6}, ValueError, r"pool_size=6"),
        ((), {"ax": "axes"}, TypeError, r"ax='axes'"),
    ],
)
def test_max_pooling_bad_arguments(args, kwargs, error, match):
    with pytest.raises(error, match=match):
        plot_max_pooling(*args, **kwargs)


@pytest.mark.parametrize("replicas", [2, 3, 4])
def test_data_parallel_step_gives_each_replica_its_part_gradient_and_update(replicas):
    ax = plot_data_parallel_step(replicas=replicas)
    labels = [text.get_text() for text in ax.texts if text.get_text()]
    assert labels[0] == "global batch"
    assert labels[1 : 1 + replicas] == [
        f"replica {r}: batch / {replicas}" for r in range(1, replicas + 1)
    ]
    assert labels[1 + 2 * replicas] == "all-reduce: g = " + " + ".join(
        f"g{r}" for r in range(1, replicas + 1)
    )
    assert labels[-replicas:] == [f"replica {r}: w ← w − η g" for r in range(1, replicas + 1)]


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"replicas": 1}, ValueError, "replicas"),
        ({"replicas": 5}, ValueError, "replicas"),
        ({"replicas": 2.0}, TypeError, "replicas"),
        ({"ax": "axes"}, TypeError, "ax"),
    ],
)
def test_data_parallel_step_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        plot_data_parallel_step(**kwargs)
