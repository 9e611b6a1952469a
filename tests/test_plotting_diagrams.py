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
