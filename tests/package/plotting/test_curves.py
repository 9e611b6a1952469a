"""Line plots: training curves, activations, gradient norms, decision regions."""

import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from annbook.plotting import (
    plot_activations,
    plot_decision_boundary,
    plot_gradient_norms,
    plot_hidden_space,
    plot_history,
)

HISTORY = {"loss": [0.5, 0.3], "val_loss": [0.4, 0.35], "accuracy": [0.8, 0.9]}


class FakeHistory:
    history = HISTORY


def test_plot_history_draws_training_and_validation():
    ax = plot_history(HISTORY)
    assert isinstance(ax, Axes)
    lines = ax.get_lines()
    assert [line.get_label() for line in lines] == ["training", "validation"]
    np.testing.assert_array_equal(lines[1].get_ydata(), [0.4, 0.35])
    assert ax.get_ylabel() == "loss"


@pytest.mark.parametrize(
    ("metric", "corner"), [("loss", "upper right"), ("accuracy", "lower right")]
)
def test_plot_history_places_its_legend_where_the_curve_is_not(metric, corner):
    # An explicit place: "best" searches at draw time, and warns when that is slow.
    legend = plot_history(HISTORY, metric=metric).get_legend()
    assert legend._loc == legend.codes[corner]


def test_plot_history_takes_a_keras_history_and_an_axes():
    fig = Figure()
    ax = fig.add_subplot()
    assert plot_history(FakeHistory(), metric="accuracy", ax=ax) is ax
    assert len(ax.get_lines()) == 1  # no val_accuracy in this history


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "match"),
    [
        ([[0.5, 0.3]], {}, TypeError, r"history=\[0.5, 0.3\]"),
        ([HISTORY], {"metric": "mae"}, ValueError, r"metric='mae'"),
        ([HISTORY], {"metric": 3}, TypeError, r"metric=3"),
        ([HISTORY], {"ax": "left"}, TypeError, r"ax='left'"),
        ([None], {}, TypeError, r"history=None"),
    ],
)
def test_plot_history_bad_arguments(args, kwargs, error, match):
    with pytest.raises(error, match=match):
        plot_history(*args, **kwargs)


def test_plot_decision_boundary_shades_the_two_regions():
    x = np.array([[0.0, 0.0], [1.0, 1.0], [0.0, 1.0]])
    y = np.array([0, 1, 1])
    calls = []

    def predict(grid):
        calls.append(grid.shape)
        return (grid[:, 0] + grid[:, 1] >= 1).astype(float)

    ax = plot_decision_boundary(predict, x, y, resolution=30)
    assert isinstance(ax, Axes)
    assert calls == [(900, 2)]
    shown = [text.get_text() for text in ax.get_legend().get_texts()]
    assert shown == ["class 0", "class 1", "predicted 0", "predicted 1"]
    low, high = ax.get_xlim()
    assert low < 0
    assert high > 1


def test_plot_decision_boundary_draws_on_the_given_axes():
    ax = Figure().add_subplot()
    x, y = np.array([[0.0, 0.0], [1.0, 1.0]]), np.array([0, 1])
    assert plot_decision_boundary(lambda g: np.ones((len(g), 1)), x, y, ax=ax) is ax


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "match"),
    [
        (["f", np.zeros((2, 2)), np.zeros(2)], {}, TypeError, r"predict='f'"),
        ([len, [[0, 0]], np.zeros(1)], {}, TypeError, r"x=list"),
        ([len, np.zeros((2, 3)), np.zeros(2)], {}, ValueError, r"x.shape=\(2, 3\)"),
        ([len, np.zeros((2, 2)), np.zeros(3)], {}, ValueError, r"y.shape=\(3,\)"),
        ([len, np.zeros((2, 2)), np.zeros(2)], {"resolution": 1}, ValueError, r"resolution=1"),
        ([len, np.zeros((2, 2)), np.zeros(2)], {"ax": 1}, TypeError, r"ax=1"),
        ([len, np.array([[0.0, np.inf], [1, 1]]), np.zeros(2)], {}, ValueError, r"x\[0, 1\]=inf"),
        ([len, np.zeros((2, 2)), np.zeros(2)], {"threshold": "0.5"}, TypeError,
         r"threshold='0.5'"),
        ([len, np.zeros((2, 2)), np.zeros(2)], {"threshold": float("nan")}, ValueError,
         r"threshold=nan"),
        ([lambda _: np.zeros(3), np.zeros((2, 2)), np.zeros(2)], {"resolution": 5},
         ValueError, r"grid point \(25\)\. Received: predict\(grid\).size=3"),
    ],
)  # fmt: skip
def test_plot_decision_boundary_bad_arguments(args, kwargs, error, match):
    with pytest.raises(error, match=match):
        plot_decision_boundary(*args, **kwargs)


def test_plot_activations_draws_functions_and_derivatives():
    ax = plot_activations()
    labels = [text.get_text() for text in ax.get_legend().get_texts()]
    assert labels == ["step", "sigmoid", "tanh", "relu"]
    ax = plot_activations(names=["sigmoid"], derivative=True, limit=2)
    line = ax.get_lines()[0]
    assert line.get_label() == "sigmoid'"
    assert max(line.get_ydata()) == pytest.approx(0.25)
    assert line.get_xdata()[0] == -2


def test_plot_activations_with_derivative_pairs_each_function_with_its_slope():
    ax = plot_activations(names=["step", "relu"], with_derivative=True)
    lines = ax.get_lines()[:4]
    assert [line.get_label() for line in lines] == ["step", "step'", "relu", "relu'"]
    assert lines[0].get_color() == lines[1].get_color() != lines[2].get_color()
    assert lines[1].get_linestyle() == "--"
    assert np.nanmax(lines[3].get_ydata()) == 1


def test_plot_decision_boundary_rings_mistakes_and_can_leave_the_legend_out():
    x, y = np.array([[0.0, 0.0], [1.0, 1.0], [0.0, 1.0]]), np.array([0, 1, 1])
    ax = plot_decision_boundary(lambda g: g[:, 0] >= 0.5, x, y, resolution=20,
                                mistakes=np.array([False, False, True]), legend=False)  # fmt: skip
    assert ax.get_legend() is None
    labels = ax.get_legend_handles_labels()[1]
    assert labels == ["class 0", "class 1", "mistake", "predicted 0", "predicted 1"]
    ringed = next(c for c in ax.collections if c.get_label() == "mistake")
    np.testing.assert_array_equal(ringed.get_offsets(), [[0.0, 1.0]])


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"mistakes": np.array([1, 0])}, TypeError, r"mistakes.dtype=int64"),
        ({"mistakes": np.array([True])}, ValueError, r"mistakes.shape=\(1,\)"),
        ({"legend": "yes"}, TypeError, r"legend='yes'"),
    ],
)
def test_plot_decision_boundary_bad_mistakes_or_legend(kwargs, error, match):
    x, y = np.array([[0.0, 0.0], [1.0, 1.0]]), np.array([0, 1])
    with pytest.raises(error, match=match):
        plot_decision_boundary(lambda g: g[:, 0], x, y, **kwargs)


def test_plot_hidden_space_puts_the_output_boundary_at_zero():
    h = np.array([[0.0, 1.0, 0.2], [1.0, 0.0, 0.1], [1.0, 1.0, 0.9], [0.0, 0.0, 0.3]])
    y = np.array([0, 0, 1, 0])
    ax = plot_hidden_space(h, y, weights=np.array([[1.0], [1.0], [0.0]]), bias=-1.5)
    z1 = ax.collections[1].get_offsets()[:, 0]
    np.testing.assert_allclose(z1, [0.5])  # 1 + 1 - 1.5
    assert (ax.collections[0].get_offsets()[:, 0] < 0).all()
    assert ax.get_lines()[0].get_xdata()[0] == 0


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "match"),
    [
        (
            [np.zeros((3, 1)), np.zeros(3)],
            {"weights": np.ones(1), "bias": 0.0},
            ValueError,
            r"h.shape=\(3, 1\)",
        ),
        (
            [np.zeros((3, 2)), np.zeros(2)],
            {"weights": np.ones(2), "bias": 0.0},
            ValueError,
            r"y.shape=\(2,\)",
        ),
        (
            [np.zeros((3, 2)), np.zeros(3)],
            {"weights": np.ones(3), "bias": 0.0},
            ValueError,
            r"weights.size=3",
        ),
        (
            [np.zeros((3, 2)), np.zeros(3)],
            {"weights": np.ones(2), "bias": "0"},
            TypeError,
            r"bias='0'",
        ),
        ([[[0.0, 1.0]], np.zeros(1)], {"weights": np.ones(2), "bias": 0.0}, TypeError, r"h=list"),
    ],
)
def test_plot_hidden_space_bad_arguments(args, kwargs, error, match):
    with pytest.raises(error, match=match):
        plot_hidden_space(*args, **kwargs)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"derivative": True, "with_derivative": True}, ValueError, r"with_derivative=True"),
        ({"with_derivative": 1}, TypeError, r"with_derivative=1"),
        ({"names": "relu"}, TypeError, r"names='relu'"),
        ({"names": []}, ValueError, r"names=\[\]"),
        ({"names": ["gelu"]}, ValueError, r"names\[0\]='gelu'"),
        ({"names": ["relu", None]}, TypeError, r"names\[1\]=None"),
        ({"derivative": 1}, TypeError, r"derivative=1"),
        ({"limit": 0}, ValueError, r"limit=0"),
        ({"limit": "4"}, TypeError, r"limit='4'"),
        ({"ax": "here"}, TypeError, r"ax='here'"),
    ],
)
def test_plot_activations_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        plot_activations(**kwargs)


def test_plot_gradient_norms_one_line_per_network():
    norms = {"sigmoid": {"hidden1": 1e-5, "hidden2": 1e-3}, "relu": [0.1, 0.2]}
    ax = plot_gradient_norms(norms)
    lines = ax.get_lines()
    assert [line.get_label() for line in lines] == ["sigmoid", "relu"]
    np.testing.assert_array_equal(lines[0].get_xdata(), [1, 2])
    np.testing.assert_array_equal(lines[0].get_ydata(), [1e-5, 1e-3])
    assert ax.get_yscale() == "log"


def test_plot_gradient_norms_gives_each_network_its_style():
    styles = {"relu": {"color": "tab:red", "linestyle": "--"}}
    ax = plot_gradient_norms({"sigmoid": [1e-3, 1e-2], "relu": [0.1, 0.2]}, styles=styles)
    sigmoid, relu = ax.get_lines()
    assert (relu.get_color(), relu.get_linestyle()) == ("tab:red", "--")
    assert sigmoid.get_linestyle() == "-"


@pytest.mark.parametrize(
    ("norms", "kwargs", "error", "match"),
    [
        ([1.0, 2.0], {}, TypeError, r"norms=\[1.0, 2.0\]"),
        ({}, {}, ValueError, r"norms=\{\}"),
        ({"a": [1.0, 0.0]}, {}, ValueError, r"norms\['a'\]=\[1.0, 0.0\]"),
        ({"a": []}, {}, ValueError, r"norms\['a'\]=\[\]"),
        ({"a": [1.0, float("inf")]}, {}, ValueError, r"norms\['a'\]=\[1.0, inf\]"),
        ({"a": ["big"]}, {}, ValueError, r"norms\['a'\]=\['big'\]"),
        ({"a": {"hidden1": -1.0}}, {}, ValueError, r"norms\['a'\]=\{'hidden1': -1.0\}"),
        ({"a": [1.0]}, {"ax": 0}, TypeError, r"ax=0"),
        ({"a": [1.0]}, {"styles": ["red"]}, TypeError, r"styles=\['red'\]"),
        ({"a": [1.0]}, {"styles": {"b": {}}}, ValueError, r"styles=\{'b': \{\}\}"),
    ],
)
def test_plot_gradient_norms_bad_arguments(norms, kwargs, error, match):
    with pytest.raises(error, match=match):
        plot_gradient_norms(norms, **kwargs)


# Defects the fuzzing (tests/package/test_fuzz.py) found: errors from len() and Matplotlib.
def test_a_curve_that_is_no_sequence_of_numbers_is_named():
    with pytest.raises(TypeError, match=r"history\['loss'\]=None"):
        plot_history({"loss": None})
    with pytest.raises(TypeError, match=r"history\['loss'\]\[1\]='x'"):
        plot_history({"loss": [1.0, "x"]})


def test_a_validation_curve_of_another_length_is_named():
    with pytest.raises(ValueError, match=r"len\(history\['val_loss'\]\)=1"):
        plot_history({"loss": [1.0, 0.5], "val_loss": [1.0]})


def test_a_network_label_matplotlib_would_hide_is_shown_without_a_warning():
    ax = plot_gradient_norms({"": [1.0], "_deep": [0.5]})
    assert [text.get_text() for text in ax.get_legend().get_texts()] == ["", "_deep"]
