import keras
import numpy as np
import pytest

from annbook.scratch.conv import conv2d, max_pool2d

RNG = np.random.default_rng(0)
X = RNG.normal(size=(2, 13, 13, 3)).astype("float32")


def keras_conv(x, *, filters, kernel_size, stride, padding):
    """Run a random Conv2D; integer padding goes through ZeroPadding2D first."""
    layer = keras.layers.Conv2D(
        filters,
        kernel_size,
        strides=stride,
        padding=padding if isinstance(padding, str) else "valid",
        bias_initializer="random_normal",
    )
    inputs = x if isinstance(padding, str) else keras.layers.ZeroPadding2D(padding)(x)
    output = keras.ops.convert_to_numpy(layer(inputs))
    kernel, bias = layer.get_weights()
    return output, kernel, bias


def test_a_hand_computed_example():
    x = np.arange(16.0).reshape(1, 4, 4, 1)
    kernel = np.zeros((2, 2, 1, 1))
    kernel[:, :, 0, 0] = [[1, 0], [0, -1]]  # top-left minus bottom-right
    out = conv2d(x, kernel, bias=np.array([0.5]), stride=2)
    np.testing.assert_array_equal(out[0, :, :, 0], [[-4.5, -4.5], [-4.5, -4.5]])


@pytest.mark.parametrize("padding", ["valid", "same", 0, 1, 2])
@pytest.mark.parametrize("stride", [1, 2, 3])
@pytest.mark.parametrize("kernel_size", [1, 3, 4, 5])
def test_conv2d_matches_keras_on_the_same_weights(kernel_size, stride, padding):
    expected, kernel, bias = keras_conv(
        X, filters=4, kernel_size=kernel_size, stride=stride, padding=padding
    )
    out = conv2d(X, kernel, bias=bias, stride=stride, padding=padding)
    assert out.shape == expected.shape
    assert np.abs(out - expected).max() <= 1e-5


def test_output_size_follows_the_formula():
    # (n + 2p - k) // s + 1 = (13 + 4 - 5) // 3 + 1 = 5
    out = conv2d(X, np.ones((5, 5, 3, 2)), stride=3, padding=2)
    assert out.shape == (2, 5, 5, 2)


def test_without_bias_the_bias_is_zero():
    kernel = RNG.normal(size=(3, 3, 3, 2))
    with_zero = conv2d(X, kernel, bias=np.zeros(2))
    np.testing.assert_array_equal(conv2d(X, kernel), with_zero)


@pytest.mark.parametrize(("pool_size", "stride"), [(2, None), (3, None), (2, 1), (3, 2)])
def test_max_pool2d_matches_keras_exactly(pool_size, stride):
    layer = keras.layers.MaxPooling2D(pool_size, strides=stride)
    expected = keras.ops.convert_to_numpy(layer(X))
    np.testing.assert_array_equal(max_pool2d(X, pool_size=pool_size, stride=stride), expected)


def test_max_pool2d_keeps_the_largest_value_of_each_window():
    x = np.arange(25.0).reshape(1, 5, 5, 1)
    np.testing.assert_array_equal(max_pool2d(x)[0, :, :, 0], [[6, 8], [16, 18]])


KERNEL = np.ones((3, 3, 3, 2))


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "match"),
    [
        ([[[1.0]], KERNEL], {}, TypeError, r"x=list"),
        ([X[0], KERNEL], {}, ValueError, r"x.shape=\(13, 13, 3\)"),
        ([X[:0], KERNEL], {}, ValueError, r"x.shape=\(0, 13, 13, 3\)"),
        ([X, "ones"], {}, TypeError, r"kernel=str"),
        ([X, np.ones((3, 3, 2))], {}, ValueError, r"kernel.shape=\(3, 3, 2\)"),
        (
            [X, np.ones((3, 3, 1, 2))],
            {},
            ValueError,
            r"= 3\. Received: kernel.shape=\(3, 3, 1, 2\)",
        ),
        ([X, np.ones((15, 15, 3, 2))], {}, ValueError, r"padded.*kernel.shape=\(15, 15, 3, 2\)"),
        ([X, KERNEL], {"bias": [0.0, 0.0]}, TypeError, r"bias=list"),
        ([X, KERNEL], {"bias": np.zeros(3)}, ValueError, r"bias.shape=\(3,\)"),
        ([X, KERNEL], {"stride": 0}, ValueError, r"stride=0"),
        ([X, KERNEL], {"stride": 1.5}, TypeError, r"stride=1.5"),
        ([X, KERNEL], {"padding": "full"}, ValueError, r"padding='full'"),
        ([X, KERNEL], {"padding": -1}, ValueError, r"padding=-1"),
        ([X, KERNEL], {"padding": 1.0}, TypeError, r"padding=1.0"),
        ([X, KERNEL], {"padding": True}, TypeError, r"padding=True"),
    ],
)
def test_conv2d_bad_arguments(args, kwargs, error, match):
    with pytest.raises(error, match=match):
        conv2d(*args, **kwargs)


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "match"),
    [
        ([X.tolist()], {}, TypeError, r"x=list"),
        ([X[0]], {}, ValueError, r"x.shape=\(13, 13, 3\)"),
        ([X], {"pool_size": 0}, ValueError, r"pool_size=0"),
        ([X], {"pool_size": 14}, ValueError, r"pool_size=14"),
        ([X], {"pool_size": "2"}, TypeError, r"pool_size='2'"),
        ([X], {"stride": 0}, ValueError, r"stride=0"),
        ([X], {"stride": 2.0}, TypeError, r"stride=2.0"),
    ],
)
def test_max_pool2d_bad_arguments(args, kwargs, error, match):
    with pytest.raises(error, match=match):
        max_pool2d(*args, **kwargs)


def test_options_are_keyword_only():
    with pytest.raises(TypeError):
        conv2d(X, KERNEL, np.zeros(2))  # type: ignore[misc]
    with pytest.raises(TypeError):
        max_pool2d(X, 2)  # type: ignore[misc]
