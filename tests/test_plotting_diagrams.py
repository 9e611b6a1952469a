"""Hand-drawn diagrams: a neuron, a network graph, an RBM, recurrent layers."""

import pytest
from matplotlib.figure import Figure

from annbook.plotting import (
    plot_lstm_cell,
    plot_network_graph,
    plot_neuron,
    plot_rbm_and_feedforward,
    plot_unrolled_rnn,
)


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


def test_rbm_diagram_is_undirected_beside_a_directed_stack():
    ax = plot_rbm_and_feedforward((4, 3, 2))
    assert len(ax.patches) == (4 + 3) + (4 + 3 + 2)
    styles = [t.arrow_patch.get_arrowstyle() for t in ax.texts if not t.get_text()]
    plain = [s for s in styles if type(s).__name__ == "Curve"]
    headed = [s for s in styles if type(s).__name__ != "Curve"]
    assert len(plain) == 4 * 3  # the RBM's edges have no direction
    assert len(headed) == 4 * 3 + 3 * 2


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"widths": (4,)}, ValueError, r"widths=\[4\]"),
        ({"widths": (9, 3)}, ValueError, r"widths=\[9, 3\]"),
        ({"widths": (4, -1)}, ValueError, r"widths\[1\]=-1"),
        ({"widths": None}, TypeError, r"widths=None"),
        ({"widths": (4, "3")}, TypeError, r"widths\[1\]='3'"),
        ({"ax": "axes"}, TypeError, r"ax='axes'"),
    ],
)
def test_rbm_diagram_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        plot_rbm_and_feedforward(**kwargs)
