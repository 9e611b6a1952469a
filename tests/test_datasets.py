import hashlib
import shutil
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from annbook.datasets import (
    CHECKSUMS,
    DataFileError,
    load_mnist,
    make_linearly_separable,
    make_xor,
)

SHIPPED_MNIST = Path(str(resources.files("annbook") / "data" / "mnist.npz"))


@pytest.fixture(scope="module")
def mnist():
    return load_mnist()


def test_mnist_has_the_shapes_and_dtypes_of_keras_load_data(mnist):
    (x_train, y_train), (x_test, y_test) = mnist
    assert x_train.shape == (60000, 28, 28)
    assert y_train.shape == (60000,)
    assert x_test.shape == (10000, 28, 28)
    assert y_test.shape == (10000,)
    for array in (x_train, y_train, x_test, y_test):
        assert array.dtype == np.uint8


def test_mnist_is_the_canonical_set(mnist):
    (x_train, y_train), (_, y_test) = mnist
    train_counts = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
    test_counts = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]
    assert np.bincount(y_train).tolist() == train_counts
    assert np.bincount(y_test).tolist() == test_counts
    assert y_train[:5].tolist() == [5, 0, 4, 1, 9]
    assert y_test[:5].tolist() == [7, 2, 1, 0, 4]
    pixels = x_train / 255
    assert pixels.mean() == pytest.approx(0.1307, abs=5e-5)
    assert pixels.std() == pytest.approx(0.3081, abs=5e-5)


def test_shipped_file_matches_its_checksum():
    digest = hashlib.sha256(SHIPPED_MNIST.read_bytes()).hexdigest()
    assert digest == CHECKSUMS["mnist.npz"]
    assert digest == "06af5dfe73b70e3bc1c36439982b18a8d76803db9b544f6fdf838a37fbb01b64"


def test_an_explicit_good_copy_loads(tmp_path):
    copy = tmp_path / "mnist.npz"
    shutil.copyfile(SHIPPED_MNIST, copy)
    (x_train, _), _ = load_mnist(path=copy)
    assert x_train.shape == (60000, 28, 28)


def test_a_truncated_file_is_reported_by_name_with_both_hashes(tmp_path):
    damaged = tmp_path / "mnist.npz"
    damaged.write_bytes(SHIPPED_MNIST.read_bytes()[:1000])
    actual = hashlib.sha256(damaged.read_bytes()).hexdigest()
    with pytest.raises(DataFileError, match="damaged") as caught:
        load_mnist(path=damaged)
    message = str(caught.value)
    assert str(damaged) in message
    assert actual in message
    assert CHECKSUMS["mnist.npz"] in message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mnist.npz"]


def test_an_altered_byte_is_caught(tmp_path):
    data = bytearray(SHIPPED_MNIST.read_bytes())
    data[len(data) // 2] ^= 0xFF
    altered = tmp_path / "mnist.npz"
    altered.write_bytes(bytes(data))
    with pytest.raises(DataFileError, match="SHA-256"):
        load_mnist(path=altered)


def test_a_missing_file_is_reported_by_name(tmp_path):
    missing = tmp_path / "nowhere" / "mnist.npz"
    with pytest.raises(DataFileError, match="missing") as caught:
        load_mnist(path=missing)
    assert str(missing) in str(caught.value)


def test_a_directory_is_not_a_data_file(tmp_path):
    with pytest.raises(DataFileError, match="missing"):
        load_mnist(path=tmp_path)


@pytest.mark.parametrize("bad", [42, 3.5, b"mnist.npz", ["mnist.npz"]])
def test_path_of_the_wrong_type_is_a_type_error(bad):
    with pytest.raises(TypeError, match=r"Received: path="):
        load_mnist(path=bad)


def test_path_is_keyword_only():
    with pytest.raises(TypeError):
        load_mnist(str(SHIPPED_MNIST))  # type: ignore[misc]


def test_linearly_separable_points_respect_the_margin():
    x, y = make_linearly_separable(n_samples=300, margin=0.4, seed=1)
    offset = x[:, 1] - (0.5 * x[:, 0] + 0.1)
    assert x.shape == (300, 2)
    assert (np.abs(offset) > 0.2).all()
    np.testing.assert_array_equal(y, (offset > 0).astype(int))
    again, _ = make_linearly_separable(n_samples=300, margin=0.4, seed=1)
    np.testing.assert_array_equal(x, again)


def test_xor_labels_follow_the_truth_table():
    x, y = make_xor(n_samples=400, noise=0.05, seed=2)
    corner = np.round(x).astype(int)
    np.testing.assert_array_equal(y, corner[:, 0] ^ corner[:, 1])
    assert np.bincount(y).tolist() == [200, 200]


@pytest.mark.parametrize(
    ("maker", "kwargs", "error", "match"),
    [
        (make_linearly_separable, {"n_samples": 1}, ValueError, r"n_samples=1"),
        (make_linearly_separable, {"margin": 0}, ValueError, r"margin=0"),
        (make_linearly_separable, {"margin": 1.5}, ValueError, r"margin=1.5"),
        (make_linearly_separable, {"seed": -3}, ValueError, r"seed=-3"),
        (make_xor, {"n_samples": 3}, ValueError, r"n_samples=3"),
        (make_xor, {"noise": -0.1}, ValueError, r"noise=-0.1"),
        (make_xor, {"noise": "low"}, TypeError, r"noise='low'"),
        (make_xor, {"seed": 0.5}, TypeError, r"seed=0.5"),
    ],
)
def test_synthetic_makers_bad_arguments(maker, kwargs, error, match):
    with pytest.raises(error, match=match):
        maker(**kwargs)
