"""Images: grids of digits, filters and feature maps; the confusion matrix."""

import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine

from annbook.plotting import plot_confusion_matrix, plot_digits, plot_feature_maps, plot_filters


def test_plot_digits_sizes_a_new_figure_to_its_grid():
    fig = plot_digits(np.zeros((12, 28, 28)), labels=np.arange(12), ncols=5)
    assert fig.get_size_inches() == pytest.approx([5.5, 3.9])  # 1.1 x 1.3 inches per digit
    assert fig.axes[0].get_subplotspec().get_geometry()[:2] == (3, 5)  # rows, columns
    assert fig.axes[11].get_title() == "11"
    assert fig.axes[0].get_xticks().size == 0
    given = Figure(figsize=(2, 2))
    assert plot_digits(np.zeros((3, 28, 28)), fig=given) is given
    assert given.get_size_inches() == pytest.approx([2, 2])


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
        ([np.zeros((2, 28, 28))], {"labels": 5}, TypeError, r"`labels` must be a .*labels=5"),
        ([np.zeros((2, 28, 28))], {"labels": "12"}, TypeError, r"labels='12'"),
        ([np.zeros((2, 28, 28))], {"predictions": np.ones((2, 3))}, TypeError, r"predictions=arr"),
        ([np.zeros((2, 28, 28))], {"labels": np.arange(3)}, ValueError, r"len\(labels\)=3"),
        ([np.zeros((2, 28, 28))], {"ncols": 0}, ValueError, r"ncols=0"),
        ([np.zeros((2, 28, 28))], {"fig": "new"}, TypeError, r"fig='new'"),
    ],
)
def test_plot_digits_bad_arguments(args, kwargs, error, match):
    with pytest.raises(error, match=match):
        plot_digits(*args, **kwargs)


def test_plot_filters_draws_one_input_channel_of_each_filter():
    kernel = np.arange(3 * 3 * 2 * 5, dtype=float).reshape(3, 3, 2, 5)
    fig = Figure()
    assert plot_filters(kernel, in_channel=1, ncols=3, fig=fig) is fig
    assert len(fig.axes) == 5 + 1  # and the colour bar
    np.testing.assert_array_equal(fig.axes[4].images[0].get_array(), kernel[:, :, 1, 4])
    # every filter on the layer's one scale, centred on zero, shown in the colour bar
    limit = kernel[:, :, 1, :].max()
    assert {ax.images[0].get_clim() for ax in fig.axes[:5]} == {(-limit, limit)}
    assert fig.axes[5].get_ylabel() == "weight"


def test_plot_filters_titles_each_filter_and_draws_zero_white():
    kernel = np.zeros((3, 3, 1, 2))
    kernel[0, 0, 0, 1] = 1.0
    fig = plot_filters(kernel, titles=["0", "1"])
    assert [ax.get_title() for ax in fig.axes[:2]] == ["0", "1"]
    picture = fig.axes[0].images[0]
    assert picture.cmap(picture.norm(0.0)) == (1.0, 1.0, 1.0, 1.0)  # white, as the page


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "match"),
    [
        ([[[1.0]]], {}, TypeError, r"kernel=list"),
        ([np.ones((3, 3, 4))], {}, ValueError, r"kernel.shape=\(3, 3, 4\)"),
        ([np.ones((3, 3, 1, 4))], {"in_channel": 1}, ValueError, r"in_channel=1"),
        ([np.ones((3, 3, 1, 4))], {"in_channel": -1}, ValueError, r"in_channel=-1"),
        ([np.ones((3, 3, 1, 4))], {"ncols": 0}, ValueError, r"ncols=0"),
        ([np.ones((3, 3, 1, 4))], {"titles": ["a"]}, ValueError, r"len\(titles\)=1"),
        ([np.ones((3, 3, 1, 4))], {"titles": "abcd"}, TypeError, r"titles='abcd'"),
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


def test_plot_feature_maps_on_a_shared_scale_keeps_a_weak_map_pale():
    maps = np.zeros((5, 5, 3))
    maps[..., 0], maps[..., 1] = 4.0, 0.4  # a strong map, a weak one, an empty one
    maps[0, 0, 2] = -1.0
    fig = plot_feature_maps(maps, shared_scale=True)
    assert len(fig.axes) == 3 + 1  # and the colour bar
    assert {ax.images[0].get_clim() for ax in fig.axes[:3]} == {(-4.0, 4.0)}
    assert fig.axes[3].get_ylabel() == "value"
    own = plot_feature_maps(maps)
    assert own.axes[1].images[0].get_clim() == (-0.4, 0.4)


def test_plot_feature_maps_after_a_relu_uses_a_scale_from_zero():
    maps = np.zeros((5, 5, 2))
    maps[..., 0], maps[1, 1, 1] = 4.0, 1.0  # no negative value, as after a ReLU
    for fig in (plot_feature_maps(maps, shared_scale=True), plot_feature_maps(maps)):
        picture = fig.axes[1].images[0]
        assert picture.get_clim()[0] == 0.0  # the scale starts at 0, no half left unused
        assert picture.cmap(picture.norm(0.0)) == (1.0, 1.0, 1.0, 1.0)  # 0 white, as the page
        red, green, blue, _ = picture.cmap(picture.norm(picture.get_clim()[1]))
        assert red > 0.3 > max(green, blue)  # the largest value dark red
    assert plot_feature_maps(maps, shared_scale=True).axes[2].get_ylim() == (0.0, 4.0)


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "match"),
    [
        ([[[1.0]]], {}, TypeError, r"maps=list"),
        ([np.ones((2, 6, 6, 3))], {}, ValueError, r"maps.shape=\(2, 6, 6, 3\)"),
        ([np.ones((6, 6))], {}, ValueError, r"maps.shape=\(6, 6\)"),
        ([np.ones((6, 6, 3))], {"titles": ["a"]}, ValueError, r"len\(titles\)=1"),
        ([np.ones((6, 6, 3))], {"titles": "abc"}, TypeError, r"titles='abc'"),
        ([np.ones((6, 6, 3))], {"ncols": "4"}, TypeError, r"ncols='4'"),
        ([np.ones((6, 6, 3))], {"shared_scale": 1}, TypeError, r"shared_scale=1"),
        ([np.ones((6, 6, 3))], {"fig": 1}, TypeError, r"fig=1"),
    ],
)
def test_plot_feature_maps_bad_arguments(args, kwargs, error, match):
    with pytest.raises(error, match=match):
        plot_feature_maps(*args, **kwargs)


def test_plot_confusion_matrix_sizes_a_new_figure_to_the_classes():
    ax = plot_confusion_matrix([0, 1, 2, 3], [0, 1, 2, 2])
    assert ax.figure.get_size_inches() == pytest.approx([0.5 * 4 + 2, 0.5 * 4 + 1.6])
    assert isinstance(ax.figure.get_layout_engine(), ConstrainedLayoutEngine)


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


def test_plot_confusion_matrix_can_colour_only_the_mistakes():
    y_true = [0] * 98 + [1] * 2
    y_pred = [0] * 97 + [1] + [0, 1]
    ax = plot_confusion_matrix(y_true, y_pred, mistakes_only=True)
    image = ax.images[0]
    assert image.get_array().mask.tolist() == [[True, False], [False, True]]
    assert image.get_clim() == (0, 1)  # the largest mistake, not the 97 correct answers
    assert [t.get_text() for t in ax.texts] == ["97", "1", "1", "1"]


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "match"),
    [
        ([[0, 1], [0]], {}, ValueError, r"len\(y_true\)=2, len\(y_pred\)=1"),
        ([[0.0, 1.0], [0, 1]], {}, ValueError, r"y_true.shape=\(2,\), y_true.dtype=float64"),
        ([[0, 1], [[0, 1]]], {}, ValueError, r"y_pred.shape=\(1, 2\)"),
        ([[], []], {}, ValueError, r"y_true.shape=\(0,\)"),
        ([[0, -1], [0, 1]], {}, ValueError, r"min\(y_true\)=-1"),
        ([[0, 3], [0, 1]], {"class_names": ["a", "b"]}, ValueError, r"class_names=\['a', 'b'\]"),
        ([[0, 1], [0, 1]], {"class_names": 2}, TypeError, r"class_names=2"),
        ([[0, 1], [0, 1]], {"ax": "left"}, TypeError, r"ax='left'"),
        ([[0, 1], [0, 1]], {"mistakes_only": 1}, TypeError, r"mistakes_only=1"),
    ],
)
def test_plot_confusion_matrix_bad_arguments(args, kwargs, error, match):
    with pytest.raises(error, match=match):
        plot_confusion_matrix(*args, **kwargs)


def test_images_without_pixels_are_named():
    # Matplotlib warned of singular limits, before.
    with pytest.raises(ValueError, match=r"images\.shape=\(1, 0, 3\)"):
        plot_digits(np.zeros((1, 0, 3)))
