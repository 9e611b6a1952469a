import numpy as np
import pytest

from annbook.models import build_char_lstm, build_lstm, build_simple_rnn, sample_text


@pytest.mark.parametrize(("units", "features"), [(1, 1), (8, 1), (32, 2), (50, 7)])
def test_simple_rnn_has_units_times_units_plus_features_plus_one_parameters(units, features):
    model = build_simple_rnn(input_shape=(None, features), units=units)
    rnn = model.get_layer("simple_rnn")
    assert rnn.count_params() == units * (units + features + 1)
    assert model.get_layer("predictions").count_params() == units + 1


@pytest.mark.parametrize(("units", "features"), [(1, 1), (8, 1), (32, 2), (50, 7)])
def test_lstm_has_four_times_the_parameters_of_a_simple_rnn(units, features):
    lstm = build_lstm(input_shape=(None, features), units=units).get_layer("lstm")
    rnn = build_simple_rnn(input_shape=(None, features), units=units).get_layer("simple_rnn")
    assert lstm.count_params() == 4 * units * (units + features + 1)
    assert lstm.count_params() == 4 * rnn.count_params()


def test_the_chapters_models():
    # RNN chapter: 10 past years in, 1 forecast out; LSTM chapter: the adding problem.
    assert build_simple_rnn(input_shape=(10, 1), units=16).count_params() == 288 + 17
    assert build_lstm(input_shape=(100, 2), units=32).count_params() == 4480 + 33


@pytest.mark.parametrize("build", [build_simple_rnn, build_lstm])
def test_recurrent_builders_shapes_names_and_compilation(build):
    model = build(input_shape=(None, 3), units=4, num_outputs=2, output_activation="softmax")
    recurrent = build.__name__.removeprefix("build_")  # the layer, not the model's name
    assert [layer.name for layer in model.layers] == [recurrent, "predictions"]
    assert model.input_shape == (None, None, 3)
    assert model.output_shape == (None, 2)
    assert not model.compiled
    out = model.predict(np.zeros((5, 7, 3), dtype="float32"), verbose=0)
    assert out.shape == (5, 2)
    np.testing.assert_allclose(out.sum(axis=1), 1.0, rtol=1e-5)


def test_lstm_starts_with_forget_bias_one():
    bias = build_lstm(units=3).get_layer("lstm").get_weights()[2]
    assert bias.tolist() == [0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0]


@pytest.mark.parametrize("build", [build_simple_rnn, build_lstm])
@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"input_shape": (10,)}, ValueError, r"input_shape=\(10,\)"),
        ({"input_shape": (10, 0)}, ValueError, r"input_shape=\(10, 0\)"),
        ({"input_shape": (0, 1)}, ValueError, r"input_shape=\(0, 1\)"),
        ({"input_shape": (10, None)}, ValueError, r"input_shape=\(10, None\)"),
        ({"input_shape": (10.0, 1)}, ValueError, r"input_shape=\(10.0, 1\)"),
        ({"input_shape": "10x1"}, TypeError, r"input_shape='10x1'"),
        ({"units": 0}, ValueError, r"units=0"),
        ({"units": 8.0}, TypeError, r"units=8.0"),
        ({"num_outputs": -1}, ValueError, r"num_outputs=-1"),
        ({"num_outputs": 2.0}, TypeError, r"num_outputs=2.0"),
        ({"output_activation": "softmax"}, ValueError, r"softmax.*num_outputs=1"),
        ({"output_activation": "relu6"}, ValueError, r"output_activation='relu6'"),
        ({"output_activation": None}, TypeError, r"output_activation=None"),
    ],
)
def test_recurrent_builders_bad_arguments(build, kwargs, error, match):
    with pytest.raises(error, match=match):
        build(**kwargs)


def test_char_lstm_counts_and_shapes():
    model = build_char_lstm(num_classes=41, embedding_dim=16, units=128)
    counts = [layer.count_params() for layer in model.layers]
    assert counts == [41 * 16, 4 * 128 * (128 + 16 + 1), 128 * 41 + 41]
    assert model.input_shape == (None, None)
    assert model.output_shape == (None, None, 41)
    assert [layer.name for layer in model.layers] == ["embedding", "lstm", "predictions"]
    assert not model.compiled


def test_char_lstm_with_a_fixed_length_has_the_same_parameters():
    # The LSTM chapter's windows: 100 characters of a 41-character alphabet.
    model = build_char_lstm(input_shape=(100,), num_classes=41, embedding_dim=16, units=128)
    assert model.input_shape == (None, 100)
    assert model.output_shape == (None, 100, 41)
    assert model.count_params() == 41 * 16 + 4 * 128 * (128 + 16 + 1) + 128 * 41 + 41


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        (
            {"num_classes": 41, "input_shape": (None, 41)},
            ValueError,
            r"\(steps,\).*input_shape=\(None, 41\)",
        ),
        ({"num_classes": 41, "input_shape": ()}, ValueError, r"input_shape=\(\)"),
        ({"num_classes": 41, "input_shape": (0,)}, ValueError, r"input_shape=\(0,\)"),
        ({"num_classes": 41, "input_shape": (100.0,)}, ValueError, r"input_shape=\(100.0,\)"),
        ({"num_classes": 41, "input_shape": (True,)}, ValueError, r"input_shape=\(True,\)"),
        ({"num_classes": 41, "input_shape": 100}, TypeError, r"input_shape=100"),
        ({"num_classes": 41, "input_shape": "100"}, TypeError, r"input_shape='100'"),
        ({"num_classes": 1}, ValueError, r"num_classes=1"),
        ({"num_classes": "41"}, TypeError, r"num_classes='41'"),
        ({"num_classes": None}, TypeError, r"num_classes=None"),
        ({"num_classes": 41, "embedding_dim": 0}, ValueError, r"embedding_dim=0"),
        ({"num_classes": 41, "embedding_dim": 16.0}, TypeError, r"embedding_dim=16.0"),
        ({"num_classes": 41, "units": True}, TypeError, r"units=True"),
        ({"num_classes": 41, "units": -128}, ValueError, r"units=-128"),
    ],
)
def test_char_lstm_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        build_char_lstm(**kwargs)


@pytest.fixture(scope="module")
def tiny_char_model():
    return build_char_lstm(num_classes=3, embedding_dim=2, units=4)


def test_sample_text_is_repeatable_and_uses_the_vocabulary(tiny_char_model):
    a = sample_text(tiny_char_model, vocabulary="ab ", prompt="a b", length=12, seed=1)
    b = sample_text(tiny_char_model, vocabulary="ab ", prompt="a b", length=12, seed=1)
    assert a == b
    assert len(a) == 12
    assert set(a) <= set("ab ")


def test_a_low_temperature_picks_the_likeliest_character():
    model = build_char_lstm(num_classes=3, embedding_dim=2, units=4)
    # Whatever the LSTM says, the output layer answers p = (0.2, 0.5, 0.3).
    model.get_layer("predictions").set_weights(
        [np.zeros((4, 3), dtype="float32"), np.log([0.2, 0.5, 0.3]).astype("float32")]
    )
    cold = sample_text(model, vocabulary="xyz", prompt="x", length=20, temperature=0.01)
    assert cold == "y" * 20
    warm = sample_text(model, vocabulary="xyz", prompt="x", length=60, temperature=1.0)
    assert set(warm) == set("xyz")


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"model": "model"}, TypeError, r"model=str"),
        ({"vocabulary": ["a", "b", " "]}, TypeError, r"vocabulary=\['a'"),
        ({"vocabulary": "ab"}, ValueError, r"3 distinct.*vocabulary='ab'"),
        ({"vocabulary": "aab"}, ValueError, r"vocabulary='aab'"),
        ({"prompt": ""}, ValueError, r"prompt=''"),
        ({"prompt": "abc"}, ValueError, r"not \['c'\].*prompt='abc'"),
        ({"prompt": 5}, TypeError, r"prompt=5"),
        ({"length": 0}, ValueError, r"length=0"),
        ({"temperature": 0}, ValueError, r"temperature=0"),
        ({"temperature": "hot"}, TypeError, r"temperature='hot'"),
        ({"context": 0}, ValueError, r"context=0"),
        ({"seed": -3}, ValueError, r"seed=-3"),
    ],
)
def test_sample_text_bad_arguments(tiny_char_model, kwargs, error, match):
    arguments = {"model": tiny_char_model, "vocabulary": "ab ", "prompt": "ab", "length": 5}
    arguments.update(kwargs)
    model = arguments.pop("model")
    with pytest.raises(error, match=match):
        sample_text(model, **arguments)
