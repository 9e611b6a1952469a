import keras
import numpy as np
import pytest

from annbook.models import build_autoencoder, build_mlp, build_perceptron


def test_perceptron_is_one_neuron():
    model = build_perceptron(input_shape=(3,))
    assert [layer.name for layer in model.layers] == ["predictions"]
    assert model.count_params() == 4
    assert model.output_shape == (None, 1)
    assert model.get_layer("predictions").activation is keras.activations.sigmoid
    assert not model.compiled


def test_perceptron_in_float64():
    model = build_perceptron(dtype="float64", activation="linear")
    assert model.get_layer("predictions").kernel.dtype == "float64"
    out = model(np.ones((1, 2)))
    assert out.dtype == "float64"


def test_default_mlp_counts_and_names():
    model = build_mlp()
    counts = {layer.name: layer.count_params() for layer in model.layers}
    assert counts == {"hidden1": 200_960, "hidden2": 32_896, "predictions": 1_290}
    assert model.count_params() == 235_146
    assert model.output_shape == (None, 10)
    assert model.get_layer("hidden1").activation is keras.activations.relu
    assert model.get_layer("predictions").activation is keras.activations.softmax
    assert not model.compiled


def test_deep_mlp_with_dropout_layers():
    model = build_mlp(hidden_units=(512, 256, 128), dropout=0.2)
    names = [layer.name for layer in model.layers]
    assert names == [
        "hidden1", "dropout1", "hidden2", "dropout2", "hidden3", "dropout3", "predictions",
    ]  # fmt: skip
    assert model.count_params() == 784 * 512 + 512 + 512 * 256 + 256 + 256 * 128 + 128 + 1290
    assert model.get_layer("dropout2").rate == 0.2


def test_mlp_without_hidden_layers_is_softmax_regression():
    model = build_mlp(hidden_units=())
    assert [layer.name for layer in model.layers] == ["predictions"]
    assert model.count_params() == 7_850


def test_mlp_xor_network_and_initialiser():
    model = build_mlp(
        input_shape=(2,), hidden_units=(4,), activation="tanh", num_outputs=1,
        output_activation="sigmoid", kernel_initializer="he_normal", dtype="float64",
    )  # fmt: skip
    assert model.count_params() == 17
    hidden = model.get_layer("hidden1")
    assert hidden.activation is keras.activations.tanh
    assert type(hidden.kernel_initializer).__name__ == "HeNormal"
    assert hidden.kernel.dtype == "float64"


def test_mlp_takes_an_initialiser_object_for_scalings_without_a_name():
    # Four times Glorot's standard deviation, the scaling the DNN chapter gives a sigmoid network.
    sigmoid_init = keras.initializers.VarianceScaling(scale=16.0, mode="fan_avg", seed=0)
    model = build_mlp(input_shape=(64,), hidden_units=(64,), kernel_initializer=sigmoid_init)
    kernel = model.get_layer("hidden1").kernel.numpy()
    assert model.get_layer("hidden1").kernel_initializer is sigmoid_init
    assert 0.9 * (16 / 64) ** 0.5 < kernel.std() < 1.1 * (16 / 64) ** 0.5


def test_autoencoder_shapes_and_input_dropout():
    model = build_autoencoder(input_shape=(20,), code_units=5, input_dropout=0.3)
    assert [layer.name for layer in model.layers] == ["input_dropout", "encoder", "decoder"]
    assert model.count_params() == 20 * 5 + 5 + 5 * 20 + 20
    assert model.output_shape == (None, 20)
    assert model.get_layer("input_dropout").rate == 0.3
    assert model.get_layer("encoder").activation is keras.activations.sigmoid
    assert model.get_layer("decoder").activation is keras.activations.linear
    assert [layer.name for layer in build_autoencoder().layers] == ["encoder", "decoder"]


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"input_shape": (0,)}, ValueError, r"input_shape=\(0,\)"),
        ({"input_shape": (2.0,)}, ValueError, r"input_shape=\(2.0,\)"),
        ({"input_shape": 2}, TypeError, r"input_shape=2"),
        ({"input_shape": (2, 2)}, ValueError, r"input_shape=\(2, 2\)"),
        ({"activation": "step"}, ValueError, r"activation='step'"),
        ({"activation": "softmax"}, ValueError, r"activation='softmax'"),
        ({"activation": None}, TypeError, r"activation=None"),
        ({"dtype": "float16"}, ValueError, r"dtype='float16'"),
    ],
)
def test_perceptron_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        build_perceptron(**kwargs)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"input_shape": (-1,)}, ValueError, r"input_shape=\(-1,\)"),
        ({"input_shape": "784"}, TypeError, r"input_shape='784'"),
        ({"input_shape": 784}, TypeError, r"input_shape=784"),
        ({"input_shape": (28, 28)}, ValueError, r"input_shape=\(28, 28\)"),
        ({"hidden_units": 128}, TypeError, r"hidden_units=128"),
        ({"hidden_units": "128"}, TypeError, r"hidden_units='128'"),
        ({"hidden_units": (128, 0)}, ValueError, r"hidden_units\[1\]=0"),
        ({"hidden_units": (128, 1.5)}, TypeError, r"hidden_units\[1\]=1.5"),
        ({"activation": "gelu"}, ValueError, r"activation='gelu'"),
        ({"dropout": 1.0}, ValueError, r"dropout=1.0"),
        ({"dropout": "0.5"}, TypeError, r"dropout='0.5'"),
        ({"num_outputs": 0}, ValueError, r"num_outputs=0"),
        ({"num_outputs": 1}, ValueError, r"softmax.*num_outputs=1"),
        ({"output_activation": "relu"}, ValueError, r"output_activation='relu'"),
        ({"kernel_initializer": "zeros"}, ValueError, r"kernel_initializer='zeros'"),
        ({"kernel_initializer": 3}, TypeError, r"kernel_initializer=3"),
        ({"dtype": "int32"}, ValueError, r"dtype='int32'"),
    ],
)
def test_mlp_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        build_mlp(**kwargs)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"input_shape": (0,)}, ValueError, r"input_shape=\(0,\)"),
        ({"input_shape": 784}, TypeError, r"input_shape=784"),
        ({"code_units": 0}, ValueError, r"code_units=0"),
        ({"code_units": 2.5}, TypeError, r"code_units=2.5"),
        ({"activation": "step"}, ValueError, r"activation='step'"),
        ({"decoder_activation": "softmax"}, ValueError, r"decoder_activation='softmax'"),
        ({"input_dropout": 1.0}, ValueError, r"input_dropout=1.0"),
        ({"input_dropout": -0.1}, ValueError, r"input_dropout=-0.1"),
        ({"input_dropout": None}, TypeError, r"input_dropout=None"),
    ],
)
def test_autoencoder_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        build_autoencoder(**kwargs)


@pytest.mark.parametrize("builder", [build_perceptron, build_mlp, build_autoencoder])
def test_arguments_are_keyword_only(builder):
    with pytest.raises(TypeError):
        builder(2)
