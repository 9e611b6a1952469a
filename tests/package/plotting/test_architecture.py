"""A Keras model drawn layer by layer."""

import keras
import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine

from annbook.models import (
    build_autoencoder,
    build_char_lstm,
    build_cnn,
    build_cnn1d,
    build_lenet5,
    build_lstm,
    build_mlp,
    build_perceptron,
    build_simple_rnn,
)
from annbook.plotting import plot_architecture


def _boxes(ax):
    return [patch for patch in ax.patches if patch.get_gid() == "layer"]


def _texts(ax):
    return [text.get_text() for text in ax.texts]


def test_plot_architecture_draws_the_lecture_cnn():
    ax = plot_architecture(build_cnn())
    assert isinstance(ax, Axes)
    assert len(_boxes(ax)) == 10  # the input and nine layers
    assert ax.get_title() == "cnn: 225,034 parameters"
    texts = _texts(ax)
    for shape in ["(28, 28, 1)", "(26, 26, 32)", "(13, 13, 32)", "(1600,)", "(10,)"]:
        assert shape in texts
    for count in ["320", "18,496", "204,928", "1,290"]:
        assert count in texts
    assert {"Conv2D", "32, 3×3, relu", "MaxPooling2D", "Dropout", "0.25"} <= set(texts)
    labels = {text.get_text() for text in ax.get_legend().get_texts()} - {""}
    kinds = {"convolution", "pooling", "dropout / regularisation", "reshape / flatten", "dense"}
    assert labels == kinds  # the input box needs no legend


@pytest.mark.parametrize(
    ("model", "boxes", "expected"),
    [
        (build_perceptron(), 2, ["(2,)", "(1,)", "3", "1, sigmoid"]),
        (build_mlp(dropout=0.2), 6, ["(256,)", "200,960", "Dropout"]),
        (build_autoencoder(), 3, ["(256,)", "201,488"]),
        (build_lenet5(), 9, ["(1, 1, 120)", "48,120", "AveragePooling2D"]),
        (build_cnn1d(), 7, ["(122, 16)", "3,616", "16, kernel 7, relu", "GlobalAveragePooling1D"]),
        (build_simple_rnn(input_shape=(10, 1), units=8), 3, ["(8,)", "80", "SimpleRNN"]),
        (build_lstm(input_shape=(100, 2)), 3, ["(100, 2)", "4,480", "LSTM"]),
        (
            build_char_lstm(num_classes=40, embedding_dim=8, units=16),
            4,
            ["(None,)", "(None, 16)", "1,600", "40 → 8", "16, sequences"],
        ),
    ],
    ids=lambda value: getattr(value, "name", None),
)
def test_plot_architecture_draws_every_builder(model, boxes, expected):
    for orientation in ("vertical", "horizontal"):
        ax = plot_architecture(model, orientation=orientation)
        assert len(_boxes(ax)) == boxes
        assert set(expected) <= set(_texts(ax))
        assert ax.get_title() == f"{model.name}: {model.count_params():,} parameters"


def test_plot_architecture_sizes_a_new_figure_to_the_model():
    # the perceptron has 2 boxes, the CNN 10: taller drawn down, wider drawn across
    for orientation, axis in (("vertical", 1), ("horizontal", 0)):
        small, large = (
            plot_architecture(model, orientation=orientation).figure
            for model in (build_perceptron(), build_cnn())
        )
        assert large.get_size_inches()[axis] > 2 * small.get_size_inches()[axis]
        for fig in (small, large):
            assert isinstance(fig.get_layout_engine(), ConstrainedLayoutEngine)
            assert fig.get_facecolor() == (1.0, 1.0, 1.0, 1.0)


def test_plot_architecture_options_and_given_axes():
    fig = Figure()
    ax = fig.add_subplot()
    model = build_perceptron()
    assert plot_architecture(model, show_input=False, legend=False, title="", ax=ax) is ax
    assert len(_boxes(ax)) == 1
    assert ax.get_legend() is None
    assert ax.get_title() == ""
    assert fig.get_layout_engine() is None  # a given figure is left as it was
    assert "inputs" not in _texts(plot_architecture(model, show_names=False))


def test_plot_architecture_describes_strides_wrappers_and_training_only_layers():
    layers = keras.layers
    model = keras.Sequential(
        [
            keras.Input((28, 28, 1)),
            layers.Conv2D(16, 3, strides=2, padding="same", name="conv"),
            layers.BatchNormalization(name="norm"),
            layers.Reshape((-1, 16), name="reshape"),
            layers.Bidirectional(layers.GRU(8, return_sequences=True), name="both_ways"),
            layers.GlobalMaxPooling1D(name="pool"),
            layers.Dropout(0.5, name="drop"),
        ],
        name="odd",
    )
    ax = plot_architecture(model)
    texts = _texts(ax)
    assert {"16, 3×3, stride 2, same", "GRU 8, sequences", "(196, 16)", "(14, 14, 16)"} <= set(
        texts
    )
    dashed = [patch.get_linestyle() != "-" for patch in _boxes(ax)]
    assert dashed == [False] * 6 + [True]  # only dropout is dashed, not batch normalisation


def test_plot_architecture_draws_a_functional_chain():
    inputs = keras.Input((4,), name="x")
    hidden = keras.layers.Dense(3, activation="relu", name="hidden")(inputs)
    model = keras.Model(inputs, keras.layers.Dense(2, name="out")(hidden), name="chain")
    ax = plot_architecture(model)
    assert len(_boxes(ax)) == 3
    assert ax.get_title() == "chain: 23 parameters"


def test_plot_architecture_refuses_a_branching_model():
    inputs = keras.Input((4,), name="x")
    left = keras.layers.Dense(3, name="left")(inputs)
    right = keras.layers.Dense(3, name="right")(inputs)
    model = keras.Model(inputs, keras.layers.Add(name="add")([left, right]), name="fork")
    with pytest.raises(ValueError, match=r"chain of layers.*layer 'right'.*model='fork'"):
        plot_architecture(model)


def test_plot_architecture_refuses_an_unbuilt_model():
    model = keras.Sequential([keras.layers.Dense(3)], name="unbuilt")
    with pytest.raises(ValueError, match=r"must be built.*model='unbuilt'"):
        plot_architecture(model)


@pytest.mark.parametrize(
    ("model", "kwargs", "error", "match"),
    [
        ("cnn", {}, TypeError, r"must be a keras\.Model\. Received: model=str"),
        (None, {}, TypeError, r"model=NoneType"),
        (build_perceptron(), {"orientation": "diagonal"}, ValueError, r"orientation='diagonal'"),
        (build_perceptron(), {"orientation": 1}, TypeError, r"orientation=1"),
        (build_perceptron(), {"show_input": 1}, TypeError, r"show_input=1"),
        (build_perceptron(), {"show_names": "no"}, TypeError, r"show_names='no'"),
        (build_perceptron(), {"legend": None}, TypeError, r"legend=None"),
        (build_perceptron(), {"title": 3}, TypeError, r"title=3"),
        (build_perceptron(), {"ax": "left"}, TypeError, r"ax='left'"),
    ],
)
def test_plot_architecture_bad_arguments(model, kwargs, error, match):
    with pytest.raises(error, match=match):
        plot_architecture(model, **kwargs)
