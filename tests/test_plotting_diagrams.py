"""Diagrams of recurrent layers."""

import pytest
from matplotlib.figure import Figure

from annbook.plotting import plot_lstm_cell, plot_unrolled_rnn


def test_unrolled_rnn_draws_one_column_per_step():

    ax = plot_unrolled_rnn(steps=5)
    labels = [t.get_text() for t in ax.texts]
    assert "$h_5$" in labels
    assert "$h_6$" not in labels
    assert ax.figure.get_size_inches() == pytest.approx([2.0 + 1.6 * 5, 3.4])


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"steps": 0}, ValueError, r"steps=0"),
        ({"steps": 9}, ValueError, r"steps=9"),
        ({"steps": -1}, ValueError, r"steps=-1"),
        ({"steps": 2.0}, TypeError, r"steps=2.0"),
        ({"steps": True}, TypeError, r"steps=True"),
        ({"ax": "axes"}, TypeError, r"ax='axes'"),
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
