import hashlib
import re
import shutil
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from annbook.datasets import (
    CHECKSUMS,
    SOUND_NAMES,
    WAVEFORM_NAMES,
    DataFileError,
    load_mnist,
    load_sunspots,
    load_text,
    make_adding_problem,
    make_linearly_separable,
    make_sound_clips,
    make_waveforms,
    make_windows,
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


@pytest.mark.parametrize("load", [load_mnist, load_sunspots, load_text])
@pytest.mark.parametrize("bad", [42, 3.5, True, b"mnist.npz", ["mnist.npz"]])
def test_path_of_the_wrong_type_is_a_type_error(load, bad):
    with pytest.raises(TypeError, match=re.escape(f"Received: path={bad!r}")):
        load(path=bad)


def test_path_is_keyword_only():
    with pytest.raises(TypeError):
        load_mnist(str(SHIPPED_MNIST))  # type: ignore[misc]


# -- Sunspots, Hamlet, the adding problem and windows (RNN and LSTM chapters) --

SHIPPED = Path(str(resources.files("annbook") / "data"))


@pytest.mark.parametrize(
    ("name", "digest"),
    [
        ("sunspots_yearly.csv", "f67889b1d9002cd5227f0e0ef54e35b419cdd85a31279adef6f73fb41e5c0a9b"),
        ("hamlet.txt", "bbe5635616c6e0e0bcf01b7b8c324be8b42451c51848f11c283bd2f4442b1e0a"),
    ],
)
def test_shipped_series_and_texts_match_their_checksums(name, digest):
    assert hashlib.sha256((SHIPPED / name).read_bytes()).hexdigest() == digest
    assert CHECKSUMS[name] == digest


def test_sunspots_are_the_yearly_series_1700_to_2008():
    years, sunspots = load_sunspots()
    assert years.tolist() == list(range(1700, 2009))
    assert years.dtype == np.int64
    assert sunspots.dtype == np.float64
    assert sunspots[:3].tolist() == [5.0, 11.0, 16.0]
    assert sunspots[-3:].tolist() == [15.2, 7.5, 2.9]
    assert sunspots.min() == 0.0
    assert sunspots.max() == pytest.approx(190.2)


def test_damaged_sunspots_are_reported(tmp_path):
    damaged = tmp_path / "sunspots_yearly.csv"
    damaged.write_text('"YEAR","SUNACTIVITY"\n1700,5\n')
    with pytest.raises(DataFileError, match="damaged"):
        load_sunspots(path=damaged)


def test_hamlet_text_and_its_lower_case():
    text = load_text()
    assert len(text) == 173_942
    assert text.startswith("HAMLET, PRINCE OF DENMARK")
    assert "To be, or not to be" in text
    lower = load_text(name="hamlet", lowercase=True)
    assert lower == text.lower()
    assert len(set(lower)) == 41


def test_damaged_text_is_reported(tmp_path):
    damaged = tmp_path / "hamlet.txt"
    damaged.write_text("To be, or not to be")
    with pytest.raises(DataFileError, match="damaged"):
        load_text(path=damaged)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"name": "macbeth"}, ValueError, r"name='macbeth'"),
        ({"name": "Hamlet"}, ValueError, r"name='Hamlet'"),
        ({"name": 1}, TypeError, r"name=1"),
        ({"name": None}, TypeError, r"name=None"),
        ({"lowercase": 1}, TypeError, r"lowercase=1"),
        ({"lowercase": "yes"}, TypeError, r"lowercase='yes'"),
        ({"path": 7}, TypeError, r"path=7"),
    ],
)
def test_load_text_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        load_text(**kwargs)


def test_adding_problem_shapes_markers_and_targets():
    x, y = make_adding_problem(n_samples=500, length=100, seed=1)
    assert x.shape == (500, 100, 2)
    assert y.shape == (500,)
    assert x.dtype == y.dtype == np.float32
    values, markers = x[..., 0], x[..., 1]
    assert ((values >= 0) & (values < 1)).all()
    assert set(np.unique(markers)) == {0.0, 1.0}
    assert (markers[:, :50].sum(axis=1) == 1).all()
    assert (markers[:, 50:].sum(axis=1) == 1).all()
    np.testing.assert_allclose(y, (values * markers).sum(axis=1), rtol=1e-6)


def test_adding_problem_mean_baseline_is_one_sixth():
    _, y = make_adding_problem(n_samples=20_000, length=10)
    assert y.mean() == pytest.approx(1.0, abs=0.01)
    assert ((y - 1.0) ** 2).mean() == pytest.approx(1 / 6, abs=0.005)


def test_adding_problem_has_a_default_size_like_the_other_makers():
    x, y = make_adding_problem()
    assert x.shape == (1000, 100, 2)
    assert y.shape == (1000,)


def test_adding_problem_is_repeatable_per_seed():
    a, _ = make_adding_problem(n_samples=3, seed=5)
    b, _ = make_adding_problem(n_samples=3, seed=5)
    c, _ = make_adding_problem(n_samples=3, seed=6)
    assert np.array_equal(a, b)
    assert not np.array_equal(a, c)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"n_samples": 0}, ValueError, r"n_samples=0"),
        ({"n_samples": 10.0}, TypeError, r"n_samples=10.0"),
        ({"n_samples": 10, "length": 1}, ValueError, r"length=1"),
        ({"n_samples": 10, "length": -100}, ValueError, r"length=-100"),
        ({"n_samples": 10, "length": "100"}, TypeError, r"length='100'"),
        ({"n_samples": 10, "seed": -1}, ValueError, r"seed=-1"),
    ],
)
def test_adding_problem_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        make_adding_problem(**kwargs)


def test_windows_of_a_series():
    x, y = make_windows(np.arange(10), window=4)
    assert x.shape == (6, 4, 1)
    assert y.shape == (6,)
    assert x.dtype == y.dtype == np.float32
    assert x[2, :, 0].tolist() == [2, 3, 4, 5]
    assert y.tolist() == [4, 5, 6, 7, 8, 9]


def test_windows_with_a_horizon_and_features():
    series = np.arange(20.0).reshape(10, 2)
    x, y = make_windows(series, window=3, horizon=2)
    assert x.shape == (6, 3, 2)
    assert y.shape == (6, 2)
    assert x[0].tolist() == [[0, 1], [2, 3], [4, 5]]
    assert y[0].tolist() == [8, 9]


def test_a_window_as_long_as_the_series_leaves_one_pair_short():
    x, _ = make_windows(np.arange(5.0), window=4)
    assert len(x) == 1


@pytest.mark.parametrize(
    ("series", "kwargs", "error", "match"),
    [
        (np.arange(5.0), {"window": 5}, ValueError, r"window=5, horizon=1"),
        (np.arange(5.0), {"window": 3, "horizon": 3}, ValueError, r"window=3, horizon=3"),
        (np.arange(5.0), {"window": 0}, ValueError, r"window=0"),
        (np.arange(5.0), {"window": -2}, ValueError, r"window=-2"),
        (np.arange(5.0), {"window": 2.0}, TypeError, r"window=2.0"),
        (np.arange(5.0), {"window": 2, "horizon": 0}, ValueError, r"horizon=0"),
        ([1.0, 2.0, 3.0], {"window": 1}, TypeError, r"series=list"),
        (np.array(["a", "b", "c"]), {"window": 1}, TypeError, r"series.dtype=<U1"),
        (np.array([True, False, True]), {"window": 1}, TypeError, r"series.dtype=bool"),
        (np.zeros((3, 2, 2)), {"window": 1}, ValueError, r"series.shape=\(3, 2, 2\)"),
        (np.array(2.0), {"window": 1}, ValueError, r"series.shape=\(\)"),
        (np.array([1.0, np.nan, 3.0]), {"window": 1}, ValueError, r"series\[1\]=nan"),
        (np.array([[1.0, 2.0], [np.inf, 0.0]]), {"window": 1}, ValueError, r"series\[1, 0\]=inf"),
    ],
)
def test_windows_bad_arguments(series, kwargs, error, match):
    with pytest.raises(error, match=match):
        make_windows(series, **kwargs)


def test_make_waveforms_shapes_and_balance():
    x, y = make_waveforms(n_samples=40, length=64, seed=3)
    assert x.shape == (40, 64)
    assert x.dtype == np.float32
    assert y.dtype == np.int64
    assert np.bincount(y).tolist() == [10, 10, 10, 10]
    assert WAVEFORM_NAMES == ("sine", "square", "triangle", "sawtooth")


def test_make_waveforms_repeats_with_a_seed_and_varies_without():
    first, _ = make_waveforms(n_samples=8, seed=5)
    again, _ = make_waveforms(n_samples=8, seed=5)
    other, _ = make_waveforms(n_samples=8, seed=6)
    np.testing.assert_array_equal(first, again)
    assert not np.array_equal(first, other)


def test_make_waveforms_shapes_are_what_their_names_say():
    x, y = make_waveforms(n_samples=400, length=256, noise=1e-9, seed=0)
    sine, square, triangle, sawtooth = (x[y == label] for label in range(4))
    # amplitude 1 for every shape
    for signals in (sine, square, triangle, sawtooth):
        assert np.abs(signals).max() == pytest.approx(1, abs=1e-3)
    # a square wave only takes the values -1 and 1
    np.testing.assert_allclose(np.abs(square), 1, atol=1e-6)
    # a sawtooth rises steadily and falls once per cycle: 2 to 6 drops
    drops = (np.diff(sawtooth, axis=1) < -1).sum(axis=1)
    assert drops.min() >= 1
    assert drops.max() <= 6
    # a triangle changes by the same amount every step, up or down
    steps = np.abs(np.diff(triangle, axis=1))
    assert np.median(steps.std(axis=1)) < 0.01
    assert np.median(np.abs(np.diff(sine, axis=1)).std(axis=1)) > 0.01


def test_make_waveforms_noise_has_the_requested_size():
    clean, _ = make_waveforms(n_samples=200, noise=1e-9, seed=2)
    noisy, _ = make_waveforms(n_samples=200, noise=0.5, seed=2)
    assert (noisy - clean).std() == pytest.approx(0.5, rel=0.02)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"n_samples": 0}, ValueError, r"n_samples=0"),
        ({"n_samples": 10.0}, TypeError, r"n_samples=10.0"),
        ({"length": 8}, ValueError, r"length=8"),
        ({"noise": -0.5}, ValueError, r"noise=-0.5"),
        ({"noise": "high"}, TypeError, r"noise='high'"),
        ({"seed": -1}, ValueError, r"seed=-1"),
        ({"seed": None}, TypeError, r"seed=None"),
    ],
)
def test_make_waveforms_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        make_waveforms(**kwargs)


def test_make_waveforms_without_noise_are_the_noisy_signals_clean():
    clean, y_clean = make_waveforms(n_samples=200, noise=0, seed=2)
    noisy, y_noisy = make_waveforms(n_samples=200, noise=0.5, seed=2)
    np.testing.assert_array_equal(y_clean, y_noisy)
    assert np.abs(clean).max() == pytest.approx(1, abs=1e-3)
    assert (noisy - clean).std() == pytest.approx(0.5, rel=0.02)


def test_make_waveforms_is_keyword_only():
    with pytest.raises(TypeError):
        make_waveforms(100)  # type: ignore[misc]


def test_linearly_separable_points_respect_the_margin():
    x, y = make_linearly_separable(n_samples=300, margin=0.4, seed=1)
    x64 = x.astype(np.float64)
    offset = x64[:, 1] - (0.5 * x64[:, 0] + 0.1)
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
    ("maker", "y_dtype"),
    [
        (make_xor, np.int64),
        (make_linearly_separable, np.int64),
        (make_waveforms, np.int64),
        (make_adding_problem, np.float32),
        (lambda: make_windows(np.arange(20), window=3), np.float32),
    ],
    ids=["xor", "linearly_separable", "waveforms", "adding_problem", "windows"],
)
def test_makers_return_float32_x_and_class_indices_or_float32_targets(maker, y_dtype):
    x, y = maker()
    assert x.dtype == np.float32
    assert y.dtype == y_dtype
    assert len(x) == len(y)


@pytest.mark.parametrize(
    ("maker", "kwargs", "error", "match"),
    [
        (make_linearly_separable, {"n_samples": 1}, ValueError, r"n_samples=1"),
        (make_linearly_separable, {"margin": 0}, ValueError, r"margin=0"),
        (make_linearly_separable, {"margin": 1.5}, ValueError, r"margin=1.5"),
        (make_linearly_separable, {"n_samples": 2.5}, TypeError, r"n_samples=2.5"),
        (make_linearly_separable, {"margin": "wide"}, TypeError, r"margin='wide'"),
        (make_linearly_separable, {"margin": float("nan")}, ValueError, r"margin=nan"),
        (make_linearly_separable, {"seed": -3}, ValueError, r"seed=-3"),
        (make_linearly_separable, {"seed": None}, TypeError, r"seed=None"),
        (make_xor, {"n_samples": 3}, ValueError, r"n_samples=3"),
        (make_xor, {"noise": -0.1}, ValueError, r"noise=-0.1"),
        (make_xor, {"n_samples": "200"}, TypeError, r"n_samples='200'"),
        (make_xor, {"noise": "low"}, TypeError, r"noise='low'"),
        (make_xor, {"noise": float("inf")}, ValueError, r"noise=inf"),
        (make_xor, {"seed": -1}, ValueError, r"seed=-1"),
        (make_xor, {"seed": 0.5}, TypeError, r"seed=0.5"),
    ],
)
def test_synthetic_makers_bad_arguments(maker, kwargs, error, match):
    with pytest.raises(error, match=match):
        maker(**kwargs)


def test_make_sound_clips_shapes_balance_and_seed():
    x, y = make_sound_clips(n_samples=30, sample_rate=8000, duration=0.25, seed=3)
    assert x.shape == (30, 2000)
    assert x.dtype == np.float32
    assert y.dtype == np.int64
    assert np.bincount(y).tolist() == [10, 10, 10]
    assert SOUND_NAMES == ("tone", "chirp", "noise burst")
    again, _ = make_sound_clips(n_samples=30, sample_rate=8000, duration=0.25, seed=3)
    other, _ = make_sound_clips(n_samples=30, sample_rate=8000, duration=0.25, seed=4)
    np.testing.assert_array_equal(x, again)
    assert not np.array_equal(x, other)


def test_make_sound_clips_events_are_what_their_names_say():
    x, y = make_sound_clips(n_samples=300, noise=0, seed=0)
    # every event is silent before its onset and lasts 40 to 64 ms (160 to 256 samples)
    lengths = (np.abs(x) > 0).sum(axis=1)
    assert lengths.min() >= 150
    assert lengths.max() <= 256
    assert np.abs(x[y < 2]).max() <= 1

    # a tone keeps its pitch; a chirp's pitch, counted in zero crossings, changes
    # by a factor of two or more between the first and the last third of the event
    def pitch_ratio(clip):
        event = clip[np.abs(clip) > 0]
        third = len(event) // 3
        first, last = (
            np.sum(np.diff(np.sign(part)) != 0) for part in (event[:third], event[-third:])
        )
        return max(first, last) / max(min(first, last), 1)

    tones = [pitch_ratio(clip) for clip in x[y == 0]]
    chirps = [pitch_ratio(clip) for clip in x[y == 1]]
    assert max(tones) < 1.5
    assert min(chirps) >= 2


def test_make_sound_clips_noise_has_the_requested_size():
    clean, _ = make_sound_clips(n_samples=60, noise=0, seed=2)
    noisy, _ = make_sound_clips(n_samples=60, noise=0.3, seed=2)
    assert (noisy - clean).std() == pytest.approx(0.3, rel=0.02)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"n_samples": 0}, ValueError, r"n_samples=0"),
        ({"sample_rate": 2000}, ValueError, r"sample_rate=2000"),
        ({"sample_rate": 10**9}, ValueError, r"<= 192000.*sample_rate=1000000000"),
        ({"duration": 1e300}, ValueError, r"duration=1e\+300"),
        ({"sample_rate": 4000.0}, TypeError, r"sample_rate=4000.0"),
        ({"duration": 0.1}, ValueError, r"duration=0.1"),
        ({"duration": "long"}, TypeError, r"duration='long'"),
        ({"noise": -0.1}, ValueError, r"noise=-0.1"),
        ({"noise": None}, TypeError, r"noise=None"),
        ({"seed": -1}, ValueError, r"seed=-1"),
    ],
)
def test_make_sound_clips_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        make_sound_clips(**kwargs)


# Defects the fuzzing (tests/package/test_fuzz.py) found.
@pytest.mark.parametrize("make", [make_xor, make_waveforms])
def test_noise_that_would_overflow_float32_is_named(make):
    # A warning from the float32 cast, and infinities, before.
    with pytest.raises(ValueError, match=r"1e\+06\].*noise=1e\+300"):
        make(noise=1e300)


def test_a_size_numpy_cannot_take_is_named():
    # NumPy's "Maximum allowed dimension exceeded", naming nothing, before.
    with pytest.raises(ValueError, match=r"<= 2147483647.*length=9223372036854775808"):
        make_adding_problem(length=2**63)
