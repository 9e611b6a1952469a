"""What every builder of annbook.models shares: its model's name."""

import pytest

from annbook import models

#: Each builder's default model name: the name docs/bands.toml pins summaries by.
DEFAULT_NAMES = {
    "build_autoencoder": "autoencoder",
    "build_char_lstm": "char_lstm",
    "build_cnn": "cnn",
    "build_cnn1d": "cnn1d",
    "build_lenet5": "lenet5",
    "build_lstm": "lstm",
    "build_mlp": "mlp",
    "build_perceptron": "perceptron",
    "build_simple_rnn": "simple_rnn",
}
#: Arguments a builder needs besides its defaults.
REQUIRED = {"build_char_lstm": {"num_classes": 3}}


def build(builder: str, **kwargs):
    return getattr(models, builder)(**REQUIRED.get(builder, {}), **kwargs)


def test_every_builder_has_a_default_name():
    builders = {name for name in models.__all__ if name.startswith("build_")}
    assert builders == set(DEFAULT_NAMES)


@pytest.mark.parametrize(("builder", "default"), DEFAULT_NAMES.items())
def test_default_name(builder, default):
    assert build(builder).name == default
    assert build(builder, name=None).name == default


@pytest.mark.parametrize("builder", DEFAULT_NAMES)
def test_given_name_names_the_model_not_its_layers(builder):
    default_layers = [layer.name for layer in build(builder).layers]
    model = build(builder, name="variant-2.b_1")
    assert model.name == "variant-2.b_1"
    assert [layer.name for layer in model.layers] == default_layers


@pytest.mark.parametrize("builder", DEFAULT_NAMES)
@pytest.mark.parametrize(
    ("name", "error", "match"),
    [
        ("", ValueError, r"non-empty str.*name=''"),
        ("two words", ValueError, r"name='two words'"),
        ("a/b", ValueError, r"name='a/b'"),
        ("_private", ValueError, r"starting with a letter or digit.*name='_private'"),
        ("café", ValueError, r"ASCII.*name='café'"),
        ("mlp\n", ValueError, r"name='mlp\\n'"),
        (3, TypeError, r"name=3"),
        (b"mlp", TypeError, r"name=b'mlp'"),
    ],
)
def test_bad_names(builder, name, error, match):
    with pytest.raises(error, match=match):
        build(builder, name=name)
