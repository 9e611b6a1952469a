import keras
import pytest

from annbook.models import build_cnn


@pytest.fixture(scope="module")
def lecture_cnn():
    return build_cnn()


def test_default_is_the_lecture_network(lecture_cnn):
    assert lecture_cnn.count_params() == 225_034
    counts = {layer.name: layer.count_params() for layer in lecture_cnn.layers}
    assert counts == {
        "conv1": 320,
        "pool1": 0,
        "conv2": 18_496,
        "pool2": 0,
        "conv_dropout": 0,
        "flatten": 0,
        "dense": 204_928,
        "dense_dropout": 0,
        "predictions": 1_290,
    }


def test_default_output_shapes(lecture_cnn):
    shapes = [tuple(layer.output.shape) for layer in lecture_cnn.layers]
    assert shapes == [
        (None, 26, 26, 32),
        (None, 13, 13, 32),
        (None, 11, 11, 64),
        (None, 5, 5, 64),
        (None, 5, 5, 64),
        (None, 1600),
        (None, 128),
        (None, 128),
        (None, 10),
    ]


def test_default_layers_are_configured_as_in_the_lecture(lecture_cnn):
    conv1, conv2 = lecture_cnn.get_layer("conv1"), lecture_cnn.get_layer("conv2")
    assert (conv1.filters, conv1.kernel_size, conv1.padding) == (32, (3, 3), "valid")
    assert (conv2.filters, conv2.kernel_size) == (64, (3, 3))
    assert conv1.activation is keras.activations.relu
    assert lecture_cnn.get_layer("conv_dropout").rate == 0.25
    assert lecture_cnn.get_layer("dense_dropout").rate == 0.5
    assert lecture_cnn.get_layer("predictions").activation is keras.activations.softmax


def test_model_is_returned_uncompiled(lecture_cnn):
    assert not lecture_cnn.compiled


def test_custom_sizes_change_the_counts():
    model = build_cnn(input_shape=(32, 32, 3), num_classes=5, filters=(8,), dense_units=16)
    # conv 3*3*3*8+8, pooled 15x15x8 = 1800 -> dense 1800*16+16, output 16*5+5
    assert model.count_params() == 224 + 28_816 + 85
    assert model.output_shape == (None, 5)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"input_shape": (28, 28)}, ValueError, r"input_shape=\(28, 28\)"),
        ({"input_shape": (28, 0, 1)}, ValueError, r"input_shape=\(28, 0, 1\)"),
        ({"input_shape": "28x28"}, TypeError, r"input_shape='28x28'"),
        ({"input_shape": (5, 5, 1)}, ValueError, r"too small.*input_shape=\(5, 5, 1\)"),
        ({"num_classes": 1}, ValueError, r"num_classes=1"),
        ({"num_classes": 10.0}, TypeError, r"num_classes=10.0"),
        ({"num_classes": True}, TypeError, r"num_classes=True"),
        ({"filters": ()}, ValueError, r"filters=\(\)"),
        ({"filters": 32}, TypeError, r"filters=32"),
        ({"filters": (32, -64)}, ValueError, r"filters\[1\]=-64"),
        ({"kernel_size": 0}, ValueError, r"kernel_size=0"),
        ({"kernel_size": (3, 3)}, TypeError, r"kernel_size=\(3, 3\)"),
        ({"pool_size": -2}, ValueError, r"pool_size=-2"),
        ({"dense_units": 0}, ValueError, r"dense_units=0"),
        ({"dense_units": "128"}, TypeError, r"dense_units='128'"),
        ({"conv_dropout": 1.0}, ValueError, r"conv_dropout=1.0"),
        ({"conv_dropout": -0.1}, ValueError, r"conv_dropout=-0.1"),
        ({"dense_dropout": "half"}, TypeError, r"dense_dropout='half'"),
    ],
)
def test_bad_arguments_are_named_with_the_value_received(kwargs, error, match):
    with pytest.raises(error, match=match):
        build_cnn(**kwargs)


def test_arguments_are_keyword_only():
    with pytest.raises(TypeError):
        build_cnn((28, 28, 1))  # type: ignore[misc]
