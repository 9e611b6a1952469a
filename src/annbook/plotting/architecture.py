"""A Keras model drawn as a stack of boxes, one per layer.

Keras is imported only when a model is drawn, so importing this module does
not import TensorFlow.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.font_manager import FontProperties
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Patch

from annbook._validation import check_axes, check_bool, check_choice, check_model
from annbook.plotting._figures import axes_or_new

#: Fill colour and legend label of each kind of layer in :func:`plot_architecture`.
#: Pale fills under black text, on the figure's own white background, read the
#: same in the book's light and dark themes.
LAYER_KINDS = {
    "input": ("#ffffff", "input"),
    "dense": ("#c6dbef", "dense"),
    "conv": ("#fdd0a2", "convolution"),
    "pooling": ("#c7e9c0", "pooling"),
    "recurrent": ("#dadaeb", "recurrent"),
    "embedding": ("#fcc5c0", "embedding"),
    "regularisation": ("#e8e8e8", "dropout / regularisation"),
    "reshape": ("#fff2ae", "reshape / flatten"),
    "other": ("#ffffff", "other"),
}

_MEASURE = RendererAgg(1, 1, 72)  # measures text in points, to size the boxes
_RECURRENT = ("SimpleRNN", "LSTM", "GRU", "RNN", "Bidirectional", "ConvLSTM")
_REGULARISATION = ("Dropout", "Normalization", "Noise", "ActivityRegularization")
_RESHAPE = ("Flatten", "Reshape", "Permute", "RepeatVector", "Cropping", "Padding", "UpSampling")
#: How a class name tells the kind of layer; the first rule that matches wins,
#: so ConvLSTM2D is recurrent and MaxPooling2D pooling, not convolution.
_KIND_RULES: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("input", lambda name: name == "InputLayer"),
    ("embedding", lambda name: name == "Embedding"),
    ("recurrent", lambda name: name.startswith(_RECURRENT)),
    ("pooling", lambda name: "Pooling" in name),
    ("conv", lambda name: "Conv" in name),
    ("regularisation", lambda name: any(word in name for word in _REGULARISATION)),
    ("reshape", lambda name: name.startswith(_RESHAPE)),
    ("dense", lambda name: name in {"Dense", "EinsumDense"}),
)

__all__ = ["LAYER_KINDS", "plot_architecture"]


def _layer_kind(layer: object) -> str:
    """Which entry of LAYER_KINDS a layer is, from its class or the classes it extends."""
    for cls in type(layer).__mro__:
        for kind, matches in _KIND_RULES:
            if matches(cls.__name__):
                return kind
    return "other"


def _sides(value: object) -> str:
    """'3×3' for a kernel or pool size (3, 3), '7' for (7,)."""
    return "×".join(str(side) for side in _as_tuple(value))


def _stride(value: object) -> str:
    """'stride 2' for strides (2, 2), 'stride 2×1' for (2, 1)."""
    strides = _as_tuple(value)
    return f"stride {strides[0] if len(set(strides)) == 1 else _sides(strides)}"


def _conv_settings(config: Mapping) -> list[str]:
    kernel = _sides(config["kernel_size"])
    parts = [str(config["filters"]), kernel if "×" in kernel else f"kernel {kernel}"]
    if set(_as_tuple(config.get("strides", 1))) != {1}:
        parts.append(_stride(config["strides"]))
    if config.get("padding") == "same":
        parts.append("same")
    return parts


def _pooling_settings(config: Mapping) -> list[str]:
    if config.get("pool_size") is None:  # global pooling
        return []
    parts = [_sides(config["pool_size"])]
    strides = config.get("strides")
    if strides is not None and _as_tuple(strides) != _as_tuple(config["pool_size"]):
        parts.append(_stride(strides))
    return parts


def _recurrent_settings(config: Mapping) -> list[str]:
    if "layer" in config:  # a wrapper such as Bidirectional: name the layer it wraps
        inner = config["layer"]
        first, *rest = _recurrent_settings(inner["config"])
        return [f"{inner['class_name']} {first}", *rest]
    return [str(config["units"])] + (["sequences"] if config.get("return_sequences") else [])


#: The settings each kind of layer shows after its class name, from its config.
_SETTINGS: dict[str, Callable[[Mapping], list[str]]] = {
    "dense": lambda config: [str(config["units"])],
    "conv": _conv_settings,
    "pooling": _pooling_settings,
    "recurrent": _recurrent_settings,
    "embedding": lambda config: [f"{config['input_dim']} → {config['output_dim']}"],
    "regularisation": lambda config: [f"{config['rate']:g}"] if "rate" in config else [],
}


def _describe(layer: object) -> tuple[str, str]:
    """The class of a layer and a short summary of its settings, as in 'Conv2D', '32, 3×3, relu'."""
    kind = _layer_kind(layer)
    try:
        config = layer.get_config()
        parts = _SETTINGS[kind](config) if kind in _SETTINGS else []
    except (AttributeError, KeyError, NotImplementedError, TypeError):  # an unusual layer
        config, parts = {}, []
    activation = config.get("activation")
    default = "tanh" if kind == "recurrent" else "linear"  # not worth a word
    if isinstance(activation, str) and activation != default:
        parts.append(activation)
    return type(layer).__name__, ", ".join(parts)


def _as_tuple(value: object) -> tuple:
    return tuple(value) if isinstance(value, Sequence) else (value,)


def _shape_text(shape: object) -> str:
    """A tensor's shape without its batch axis: '(26, 26, 32)', '(128,)'."""
    if isinstance(shape, list):  # a layer with several outputs
        return ", ".join(_shape_text(s) for s in shape)
    return str(tuple(shape)[1:])


def _architecture_rows(model: object) -> list[tuple[str, str, str, str, str, int]]:
    """(kind, class, settings, name, output shape, parameters) of each layer of a chain."""

    def not_a_chain(why: str) -> ValueError:
        msg = (
            "`model` must be a chain of layers, each feeding the next, with one input "
            f"and one output; {why}. Received: model={model.name!r}"
        )
        return ValueError(msg)

    if len(model.inputs) != 1 or len(model.outputs) != 1:
        why = f"it has {len(model.inputs)} inputs and {len(model.outputs)} outputs"
        raise not_a_chain(why)
    previous = model.inputs[0]
    dtype = str(getattr(previous, "dtype", ""))
    detail = dtype if dtype.startswith(("int", "uint")) else ""  # token ids, not measurements
    name = "" if previous.name.startswith("keras_tensor") else previous.name  # no name given
    rows = [("input", "Input", detail, name, _shape_text(previous.shape), 0)]
    for layer in model.layers:
        if _layer_kind(layer) == "input":
            continue
        try:
            layer_input, layer_output = layer.input, layer.output
        except (AttributeError, ValueError) as error:
            why = f"layer {layer.name!r} has no single input and output"
            raise not_a_chain(why) from error
        if layer_input is not previous:
            why = f"layer {layer.name!r} does not take the previous layer's output"
            raise not_a_chain(why)
        head, detail = _describe(layer)
        shape = _shape_text(layer_output.shape)
        rows.append((_layer_kind(layer), head, detail, layer.name, shape, layer.count_params()))
        previous = layer_output
    if previous is not model.outputs[0]:
        why = "its output is not the last layer's output"
        raise not_a_chain(why)
    return rows


def _text_width(text: str, size: float, *, weight: str = "normal") -> float:
    """Width in inches of ``text`` at ``size`` points, as Matplotlib's Agg renderer draws it."""
    if not text:
        return 0.0
    width, _, _ = _MEASURE.get_text_width_height_descent(
        text, FontProperties(size=size, weight=weight), ismath=False
    )
    return width / 72


def _layer_box(
    ax: Axes, x: float, y: float, *, size: tuple[float, float], kind: str, head: str
) -> None:
    width, height = size
    dashed = "Dropout" in head or "Noise" in head  # a layer that acts only during training
    ax.add_patch(
        FancyBboxPatch(
            (x - width / 2, y - height / 2), width, height,
            boxstyle="round,pad=0,rounding_size=0.06", facecolor=LAYER_KINDS[kind][0],
            edgecolor="0.15", linewidth=1.0, linestyle="--" if dashed else "-",
            gid="layer", zorder=2,
        )
    )  # fmt: skip


def _link(ax: Axes, start: tuple[float, float], end: tuple[float, float]) -> None:
    ax.add_patch(
        FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=11, linewidth=1.1,
                        color="0.25", shrinkA=0, shrinkB=0, zorder=1)
    )  # fmt: skip


def _label(ax: Axes, x: float, y: float, head: str, *, detail: str, size: float) -> None:
    """Draw 'Head detail' centred at (x, y), the class name in bold."""
    gap = size * 0.35  # points, about a space
    head_width = _text_width(head, size, weight="bold")
    width = head_width + (gap / 72 + _text_width(detail, size) if detail else 0.0)
    text = ax.text(x - width / 2, y, head, ha="left", va="center_baseline", fontsize=size,
                   fontweight="bold", zorder=3)  # fmt: skip
    if detail:  # placed against the bold text as drawn, so the two never overlap
        ax.annotate(detail, xy=(1, 0), xycoords=text, xytext=(gap, 0), textcoords="offset points",
                    ha="left", va="bottom", fontsize=size, zorder=3)  # fmt: skip


def plot_architecture(
    model: object,
    *,
    orientation: str = "vertical",
    show_input: bool = True,
    show_names: bool = True,
    legend: bool = True,
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw a Keras model as a stack of boxes, one per layer, with its sizes.

    Each box names the layer's class and its settings ("Conv2D 32, 3×3,
    relu"), is coloured by the kind of layer (dense, convolution, pooling,
    recurrent, embedding, dropout and other regularisation, reshape), and
    is followed by an arrow to the next layer. Beside it (below it, drawn
    horizontally) stand the layer's output shape without the batch axis and
    its number of parameters; a dashed box is a layer that acts only in
    training (dropout). The title gives the model's name and its total of
    parameters, the legend the kinds of layer drawn.

    Parameters
    ----------
    model : keras.Model
        A built ``keras.Sequential`` model, or a functional model whose
        layers form a chain (one input, each layer feeding the next).
    orientation : {"vertical", "horizontal"}, default="vertical"
        Stack the layers from top to bottom (with a column each of names,
        shapes and parameters), or from left to right, which suits models
        of up to about six layers.
    show_input : bool, default=True
        Draw the model's input as a first, white "Input" box.
    show_names : bool, default=True
        Write each layer's name (as in ``model.summary()``) beside its box.
    legend : bool, default=True
        Add a legend of the kinds of layer drawn.
    title : str, default=None
        The title; if None, the model's name and its number of parameters.
        An empty string draws none.
    ax : matplotlib.axes.Axes, default=None
        Where to draw; a new figure's Axes, sized to the model, if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on. Each layer's box is a patch with the gid
        ``"layer"``; the arrows are the other patches.

    Raises
    ------
    TypeError
        If ``model`` is not a Keras model or another argument has the wrong type.
    ValueError
        If ``model`` is not built, is not a chain of layers, or
        ``orientation`` is not one of the choices.

    Notes
    -----
    Used in every chapter that trains a model. Sizes are laid out in
    inches for the figure this function makes; on a given ``ax`` the
    drawing is scaled to fit it, text keeping its size, so give a small
    Axes a model of few layers.

    Examples
    --------
    >>> from annbook.models import build_cnn
    >>> from annbook.plotting import plot_architecture
    >>> ax = plot_architecture(build_cnn())
    >>> sum(patch.get_gid() == "layer" for patch in ax.patches)  # the input and 9 layers
    10
    >>> ax.get_title()
    'cnn: 225,034 parameters'
    """
    model = check_model("model", model, built=True)  # imports Keras, here and not before
    orientation = check_choice("orientation", orientation, ["vertical", "horizontal"])
    show_input = check_bool("show_input", show_input)
    show_names = check_bool("show_names", show_names)
    legend = check_bool("legend", legend)
    if title is not None and not isinstance(title, str):
        msg = f"`title` must be a str or None. Received: title={title!r}"
        raise TypeError(msg)
    if ax is not None:  # a new one is made once the drawing's size is known
        ax = check_axes("ax", ax)

    rows = _architecture_rows(model)
    if not show_input:
        rows = rows[1:]
    draw = _draw_vertical if orientation == "vertical" else _draw_horizontal
    ax = draw(rows, show_names=show_names, ax=ax)
    if title is None:
        title = f"{model.name}: {model.count_params():,} parameters"
    if title:
        ax.set_title(title, fontsize=12)
    if legend:
        _kinds_legend(ax, [row[0] for row in rows])
    return ax


_BOX_FONT, _SIDE_FONT = 10.0, 9.0


def _kinds_legend(ax: Axes, kinds: Sequence[str]) -> None:
    """A legend below the drawing of each kind of layer but the input, in order of appearance."""
    kinds = list(dict.fromkeys(kind for kind in kinds if kind != "input"))
    if not kinds:
        return
    handles = [
        Patch(facecolor=LAYER_KINDS[kind][0], edgecolor="0.15", label=LAYER_KINDS[kind][1])
        for kind in kinds
    ]  # fmt: skip
    nrows = -(-len(handles) // 4)
    ncol = -(-len(handles) // nrows)
    # Matplotlib fills a legend column by column; reorder so it reads row by row.
    order = [row * ncol + col for col in range(ncol) for row in range(nrows)]
    ordered = [handles[i] if i < len(handles) else Patch(alpha=0, label="") for i in order]
    ax.legend(handles=ordered, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=ncol,
              frameon=False, fontsize=9, handlelength=1.4, columnspacing=1.2)  # fmt: skip


def _axes(ax: Axes | None, width: float, height: float) -> Axes:
    """``ax``, or a new figure's Axes of the drawing's size, on white in any theme."""
    return axes_or_new(ax, size=(width, height), layout_engine="constrained", facecolor="white")


def _draw_vertical(rows: list, *, show_names: bool, ax: Axes | None) -> Axes:
    pitch, height = 0.62, 0.40
    names = [row[3] for row in rows] if show_names else []
    name_width = max((_text_width(n, _SIDE_FONT) for n in names), default=0.0)
    box_width = (
        max(
            1.8,
            *(
                _text_width(head, _BOX_FONT, weight="bold") + 0.06 + _text_width(detail, _BOX_FONT)
                for _, head, detail, *_ in rows
            ),
        )
        + 0.35
    )
    shape_width = max(
        _text_width(row[4], _BOX_FONT) for row in [*rows, ("", "", "", "", "output shape")]
    )
    params = [f"{row[5]:,}" for row in rows]
    param_width = max(_text_width(p, _BOX_FONT) for p in [*params, "parameters"])
    x_box = (name_width + 0.2 if names else 0.0) + box_width / 2
    x_shape = x_box + box_width / 2 + 0.3 + shape_width / 2
    x_param = x_shape + shape_width / 2 + 0.35 + param_width  # right edge
    top, bottom = 0.55, -(len(rows) - 1) * pitch - height / 2 - 0.05
    ax = _axes(ax, x_param + 0.5, top - bottom + 1.0)
    for i, (kind, head, detail, name, shape, count) in enumerate(rows):
        y = -i * pitch
        _layer_box(ax, x_box, y, size=(box_width, height), kind=kind, head=head)
        _label(ax, x_box, y, head, detail=detail, size=_BOX_FONT)
        if names:
            ax.text(x_box - box_width / 2 - 0.12, y, name, ha="right", va="center_baseline",
                    fontsize=_SIDE_FONT, color="0.35", fontstyle="italic")  # fmt: skip
        ax.text(x_shape, y, shape, ha="center", va="center_baseline", fontsize=_BOX_FONT)
        ax.text(x_param, y, params[i], ha="right", va="center_baseline", fontsize=_BOX_FONT,
                color="black" if count else "0.5")  # fmt: skip
        if i:
            _link(ax, (x_box, y + pitch - height / 2), (x_box, y + height / 2))
    for x, header, align in ((x_shape, "output shape", "center"), (x_param, "parameters", "right")):
        ax.text(x, top - 0.15, header, ha=align, va="center", fontsize=_SIDE_FONT, color="0.35")
    ax.set_xlim(-0.15, x_param + 0.15)
    ax.set_ylim(bottom, top)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


def _draw_horizontal(rows: list, *, show_names: bool, ax: Axes | None) -> Axes:
    height, gap = 0.78, 0.4
    widths = [
        max(0.95, _text_width(head, _BOX_FONT, weight="bold"), _text_width(detail, _SIDE_FONT),
            _text_width(shape, _SIDE_FONT), _text_width(name, _SIDE_FONT) * show_names) + 0.25
        for _, head, detail, name, shape, _ in rows
    ]  # fmt: skip
    label_width = _text_width("output shape", _SIDE_FONT) + 0.15
    x = label_width + 0.1
    centres = []
    for width in widths:
        centres.append(x + width / 2)
        x += width + gap
    right = x - gap
    top = height / 2 + (0.35 if show_names else 0.1)
    bottom = -height / 2 - 0.7
    ax = _axes(ax, right + 0.3, top - bottom + 1.0)
    y_shape, y_param = -height / 2 - 0.25, -height / 2 - 0.55
    for i, ((kind, head, detail, name, shape, count), cx, width) in enumerate(
        zip(rows, centres, widths, strict=True)
    ):
        _layer_box(ax, cx, 0.0, size=(width, height), kind=kind, head=head)
        if detail:
            ax.text(cx, 0.13, head, ha="center", va="center_baseline", fontsize=_BOX_FONT,
                    fontweight="bold", zorder=3)  # fmt: skip
            ax.text(cx, -0.15, detail, ha="center", va="center_baseline", fontsize=_SIDE_FONT,
                    zorder=3)  # fmt: skip
        else:
            ax.text(cx, 0.0, head, ha="center", va="center_baseline", fontsize=_BOX_FONT,
                    fontweight="bold", zorder=3)  # fmt: skip
        if show_names:
            ax.text(cx, height / 2 + 0.15, name, ha="center", va="center_baseline",
                    fontsize=_SIDE_FONT, color="0.35", fontstyle="italic")  # fmt: skip
        ax.text(cx, y_shape, shape, ha="center", va="center_baseline", fontsize=_SIDE_FONT)
        ax.text(cx, y_param, f"{count:,}", ha="center", va="center_baseline",
                fontsize=_SIDE_FONT, color="black" if count else "0.5")  # fmt: skip
        if i:
            _link(ax, (centres[i - 1] + widths[i - 1] / 2, 0.0), (cx - width / 2, 0.0))
    for y, header in ((y_shape, "output shape"), (y_param, "parameters")):
        ax.text(label_width, y, header, ha="right", va="center_baseline", fontsize=_SIDE_FONT,
                color="0.35")  # fmt: skip
    ax.set_xlim(0.0, right + 0.05)
    ax.set_ylim(bottom, top)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax
