import keras
import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure

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
from annbook.plotting import (
    plot_activations,
    plot_architecture,
    plot_confusion_matrix,
    plot_decision_boundary,
    plot_digits,
    plot_feature_maps,
    plot_filters,
    plot_gradient_norms,
    plot_history,
    plot_lstm_cell,
    plot_unrolled_rnn,
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


def test_plot_digits_titles_and_marks_mistakes():
    images = np.zeros((3, 28, 28, 1))
    fig = plot_digits(images, labels=[1, 2, 3], predictions=[1, 7, 3], ncols=2)
    assert isinstance(fig, Figure)
    assert [ax.get_title() for ax in fig.axes] == ["1→1", "2→7", "3→3"]
    colours = [ax.title.get_color() for ax in fig.axes]
    assert colours == ["black", "tab:red", "black"]


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "match"),
    [
        ([[[0, 1], [1, 0]]], {}, TypeError, r"images=list"),
        ([np.zeros((28, 28))], {}, ValueError, r"images.shape=\(28, 28\)"),
        ([np.zeros((0, 28, 28))], {}, ValueError, r"images.shape=\(0, 28, 28\)"),
        ([np.zeros((2, 28, 28))], {"labels": [1]}, ValueError, r"len\(labels\)=1"),
        ([np.zeros((2, 28, 28))], {"predictions": [1, 2, 3]}, ValueError, r"len\(predictions\)=3"),
        ([np.zeros((2, 28, 28))], {"ncols": 0}, ValueError, r"ncols=0"),
        ([np.zeros((2, 28, 28))], {"fig": "new"}, TypeError, r"fig='new'"),
    ],
)
def test_plot_digits_bad_arguments(args, kwargs, error, match):
    with pytest.raises(error, match=match):
        plot_digits(*args, **kwargs)


def test_unrolled_rnn_draws_one_column_per_step():

    ax = plot_unrolled_rnn(steps=5)
    labels = [t.get_text() for t in ax.texts]
    assert "$h_5$" in labels
    assert "$h_6$" not in labels


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


def test_plot_filters_draws_one_input_channel_of_each_filter():
    kernel = np.arange(3 * 3 * 2 * 5, dtype=float).reshape(3, 3, 2, 5)
    fig = Figure()
    assert plot_filters(kernel, in_channel=1, ncols=3, fig=fig) is fig
    assert len(fig.axes) == 5
    np.testing.assert_array_equal(fig.axes[4].images[0].get_array(), kernel[:, :, 1, 4])
    # each filter on its own scale, centred on zero
    assert fig.axes[4].images[0].get_clim() == (-kernel[:, :, 1, 4].max(), kernel[:, :, 1, 4].max())


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "match"),
    [
        ([[[1.0]]], {}, TypeError, r"kernel=list"),
        ([np.ones((3, 3, 4))], {}, ValueError, r"kernel.shape=\(3, 3, 4\)"),
        ([np.ones((3, 3, 1, 4))], {"in_channel": 1}, ValueError, r"in_channel=1"),
        ([np.ones((3, 3, 1, 4))], {"in_channel": -1}, ValueError, r"in_channel=-1"),
        ([np.ones((3, 3, 1, 4))], {"ncols": 0}, ValueError, r"ncols=0"),
        ([np.ones((3, 3, 1, 4))], {"fig": "new"}, TypeError, r"fig='new'"),
    ],
)
def test_plot_filters_bad_arguments(args, kwargs, error, match):
    with pytest.raises(error, match=match):
        plot_filters(*args, **kwargs)


def test_plot_feature_maps_takes_a_batch_of_one_and_titles():
    maps = np.zeros((1, 6, 6, 3))
    maps[0, 2, 3, 1] = -2.0
    fig = plot_feature_maps(maps, titles=["a", "b", "c"], ncols=2)
    assert [ax.get_title() for ax in fig.axes] == ["a", "b", "c"]
    np.testing.assert_array_equal(fig.axes[1].images[0].get_array(), maps[0, :, :, 1])
    assert fig.axes[1].images[0].get_clim() == (-2.0, 2.0)
    assert fig.axes[0].images[0].get_clim() == (-1.0, 1.0)  # an all-zero map


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "match"),
    [
        ([[[1.0]]], {}, TypeError, r"maps=list"),
        ([np.ones((2, 6, 6, 3))], {}, ValueError, r"maps.shape=\(2, 6, 6, 3\)"),
        ([np.ones((6, 6))], {}, ValueError, r"maps.shape=\(6, 6\)"),
        ([np.ones((6, 6, 3))], {"titles": ["a"]}, ValueError, r"len\(titles\)=1"),
        ([np.ones((6, 6, 3))], {"ncols": "4"}, TypeError, r"ncols='4'"),
        ([np.ones((6, 6, 3))], {"fig": 1}, TypeError, r"fig=1"),
    ],
)
def test_plot_feature_maps_bad_arguments(args, kwargs, error, match):
    with pytest.raises(error, match=match):
        plot_feature_maps(*args, **kwargs)


def test_plot_confusion_matrix_counts_and_labels():
    fig = Figure()
    ax = fig.add_subplot()
    y_true = np.array([0, 0, 1, 1, 1, 2])
    y_pred = np.array([0, 1, 1, 1, 0, 2])
    assert plot_confusion_matrix(y_true, y_pred, class_names=["a", "b", "c", "d"], ax=ax) is ax
    matrix = ax.images[0].get_array()
    assert matrix.tolist() == [[1, 1, 0, 0], [1, 2, 0, 0], [0, 0, 1, 0], [0, 0, 0, 0]]
    assert matrix.sum() == len(y_true)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "b", "c", "d"]
    assert [t.get_text() for t in ax.texts][:4] == ["1", "1", "0", "0"]
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("predicted", "true")


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "match"),
    [
        ([[0, 1], [0]], {}, ValueError, r"len\(y_true\)=2, len\(y_pred\)=1"),
        ([[0.0, 1.0], [0, 1]], {}, ValueError, r"y_true.shape=\(2,\), y_true.dtype=float64"),
        ([[0, 1], [[0, 1]]], {}, ValueError, r"y_pred.shape=\(1, 2\)"),
        ([[], []], {}, ValueError, r"y_true.shape=\(0,\)"),
        ([[0, -1], [0, 1]], {}, ValueError, r"min\(y_true\)=-1"),
        ([[0, 3], [0, 1]], {"class_names": ["a", "b"]}, ValueError, r"class_names=\['a', 'b'\]"),
        ([[0, 1], [0, 1]], {"ax": "left"}, TypeError, r"ax='left'"),
    ],
)
def test_plot_confusion_matrix_bad_arguments(args, kwargs, error, match):
    with pytest.raises(error, match=match):
        plot_confusion_matrix(*args, **kwargs)


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
    labels = ax.get_legend_handles_labels()[1]
    assert labels == ["class 0", "class 1"]
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


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
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
    ],
)
def test_plot_gradient_norms_bad_arguments(norms, kwargs, error, match):
    with pytest.raises(error, match=match):
        plot_gradient_norms(norms, **kwargs)


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
            build_char_lstm(vocab_size=40, embedding_dim=8, units=16),
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


def test_plot_architecture_options_and_given_axes():
    fig = Figure()
    ax = fig.add_subplot()
    model = build_perceptron()
    assert plot_architecture(model, show_input=False, legend=False, title="", ax=ax) is ax
    assert len(_boxes(ax)) == 1
    assert ax.get_legend() is None
    assert ax.get_title() == ""
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
        ("cnn", {}, TypeError, r"model='cnn'"),
        (None, {}, TypeError, r"model=None"),
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
