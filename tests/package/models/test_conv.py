import keras
import pytest

from annbook.models import build_cnn, build_cnn1d, build_lenet5


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
        "hidden1": 204_928,
        "dropout1": 0,
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
    assert lecture_cnn.get_layer("dropout1").rate == 0.5
    assert lecture_cnn.get_layer("predictions").activation is keras.activations.softmax


def test_model_is_returned_uncompiled(lecture_cnn):
    assert not lecture_cnn.compiled


def test_deeper_head_and_no_dropout():
    model = build_cnn(hidden_units=(64, 32), conv_dropout=0.0, dropout=0.0)
    names = [layer.name for layer in model.layers]
    assert names == [
        "conv1", "pool1", "conv2", "pool2", "flatten", "hidden1", "hidden2", "predictions",
    ]  # fmt: skip
    assert model.count_params() == 320 + 18_496 + (1600 * 64 + 64) + (64 * 32 + 32) + 330
    assert [layer.name for layer in build_cnn(hidden_units=()).layers][-2:] == [
        "flatten", "predictions",
    ]  # fmt: skip


def test_custom_sizes_change_the_counts():
    model = build_cnn(input_shape=(32, 32, 3), num_classes=5, filters=(8,), hidden_units=(16,))
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
        ({"hidden_units": 128}, TypeError, r"hidden_units=128"),
        ({"hidden_units": "128"}, TypeError, r"hidden_units='128'"),
        ({"hidden_units": (128, 0)}, ValueError, r"hidden_units\[1\]=0"),
        ({"conv_dropout": 1.0}, ValueError, r"conv_dropout=1.0"),
        ({"conv_dropout": -0.1}, ValueError, r"conv_dropout=-0.1"),
        ({"dropout": "half"}, TypeError, r"dropout='half'"),
        ({"dropout": 1.0}, ValueError, r"dropout=1.0"),
    ],
)
def test_bad_arguments_are_named_with_the_value_received(kwargs, error, match):
    with pytest.raises(error, match=match):
        build_cnn(**kwargs)


def test_arguments_are_keyword_only():
    with pytest.raises(TypeError):
        build_cnn((28, 28, 1))  # type: ignore[misc]


def test_lenet5_has_the_papers_layers_and_sizes():
    model = build_lenet5()
    counts = {layer.name: layer.count_params() for layer in model.layers}
    assert counts == {
        "C1": 156,
        "S2": 0,
        "C3": 2_416,
        "S4": 0,
        "C5": 48_120,
        "flatten": 0,
        "F6": 10_164,
        "predictions": 850,
    }
    assert model.count_params() == 61_706
    shapes = [tuple(layer.output.shape) for layer in model.layers]
    assert shapes == [
        (None, 28, 28, 6),
        (None, 14, 14, 6),
        (None, 10, 10, 16),
        (None, 5, 5, 16),
        (None, 1, 1, 120),
        (None, 120),
        (None, 84),
        (None, 10),
    ]
    assert model.get_layer("C1").activation is keras.activations.tanh
    assert isinstance(model.get_layer("S2"), keras.layers.AveragePooling2D)
    assert not model.compiled


def test_lenet5_options():
    model = build_lenet5(
        input_shape=(36, 36, 3), num_classes=4, activation="relu", subsampling="max"
    )
    assert isinstance(model.get_layer("S4"), keras.layers.MaxPooling2D)
    assert model.get_layer("F6").activation is keras.activations.relu
    assert model.get_layer("C5").output.shape == (None, 2, 2, 120)
    # C1 5*5*3*6+6, C5 output 2*2*120 = 480 inputs to F6
    assert model.get_layer("C1").count_params() == 456
    assert model.get_layer("F6").count_params() == 480 * 84 + 84
    assert model.output_shape == (None, 4)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"input_shape": (28, 28, 1)}, ValueError, r"at least 32x32.*input_shape=\(28, 28, 1\)"),
        ({"input_shape": (32, 32)}, ValueError, r"input_shape=\(32, 32\)"),
        ({"input_shape": 32}, TypeError, r"input_shape=32"),
        ({"num_classes": 1}, ValueError, r"num_classes=1"),
        ({"activation": "softmax"}, ValueError, r"activation='softmax'"),
        ({"activation": None}, TypeError, r"activation=None"),
        ({"subsampling": "min"}, ValueError, r"subsampling='min'"),
        ({"subsampling": "avg"}, ValueError, r"\['average', 'max'\].*subsampling='avg'"),
        ({"subsampling": None}, TypeError, r"subsampling=None"),
        ({"pooling": "max"}, TypeError, r"unexpected keyword argument 'pooling'"),
    ],
)
def test_lenet5_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        build_lenet5(**kwargs)


def test_cnn1d_default_counts_and_shapes():
    model = build_cnn1d()
    assert model.count_params() == 3_876
    counts = [layer.count_params() for layer in model.layers]
    # conv 7*1*16+16, conv 7*16*32+32, dense 32*4+4
    assert counts == [128, 0, 3_616, 0, 0, 132]
    shapes = [tuple(layer.output.shape) for layer in model.layers]
    assert shapes == [
        (None, 122, 16),
        (None, 61, 16),
        (None, 55, 32),
        (None, 27, 32),
        (None, 32),
        (None, 4),
    ]
    assert not model.compiled


def test_cnn1d_custom_sizes():
    model = build_cnn1d(input_shape=(50, 2), num_classes=3, filters=(4,), kernel_size=3)
    assert model.count_params() == (3 * 2 * 4 + 4) + (4 * 3 + 3)
    assert model.output_shape == (None, 3)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"input_shape": (128,)}, ValueError, r"input_shape=\(128,\)"),
        ({"input_shape": (10, 1)}, ValueError, r"too short.*input_shape=\(10, 1\)"),
        ({"num_classes": 1}, ValueError, r"num_classes=1"),
        ({"filters": []}, ValueError, r"filters=\[\]"),
        ({"filters": "16"}, TypeError, r"filters='16'"),
        ({"filters": (16, 0)}, ValueError, r"filters\[1\]=0"),
        ({"kernel_size": 0}, ValueError, r"kernel_size=0"),
        ({"pool_size": 2.0}, TypeError, r"pool_size=2.0"),
    ],
)
def test_cnn1d_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        build_cnn1d(**kwargs)


def test_new_builders_are_keyword_only():
    with pytest.raises(TypeError):
        build_lenet5((32, 32, 1))  # type: ignore[misc]
    with pytest.raises(TypeError):
        build_cnn1d((128, 1))  # type: ignore[misc]
