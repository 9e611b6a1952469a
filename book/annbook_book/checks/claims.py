"""Claims: sentences of a chapter that say what a run shows, checked against its glued values.

A claim is a ``[[<chapter>.claims]]`` entry in ``docs/bands.toml``::

    [[lstm.claims]]
    says = "no better than the baseline"
    check = "adding_rnn_mse > 0.8 * adding_baseline_mse"

``says`` must be found in the chapter's Markdown source (white space folded),
so that the sentence cannot be edited without its claim; ``check`` is a
Python expression over the chapter's glued values, with only a few
builtins, which must be true.
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Mapping

#: The only builtins a check may call.
ALLOWED = ("abs", "all", "any", "len", "max", "min", "round", "sorted", "sum", "zip")
_BUILTINS = {name: getattr(builtins, name) for name in ALLOWED}


def fold(text: str) -> str:
    """Return ``text`` with every run of white space made one space.

    Examples
    --------
    >>> fold("  no better\\n than  the baseline ")
    'no better than the baseline'
    """
    return " ".join(text.split())


def check_claim(chapter: str, source: str, claim: object, values: Mapping[str, object]) -> str:
    """Return what is wrong with one claim of ``chapter``, or an empty string if it holds.

    Parameters
    ----------
    chapter : str
        The chapter's name, for the message.
    source : str
        The chapter's Markdown source.
    claim : dict
        The claim: ``{"says": phrase, "check": expression}``.
    values : mapping
        The chapter's glued values, by name.

    Examples
    --------
    >>> source = "The RNN is off by {glue:text}`rmse`, the baseline by more."
    >>> claim = {"says": "the baseline by more", "check": "rmse < baseline"}
    >>> check_claim("rnn", source, claim, {"rmse": 20.5, "baseline": 32.9})
    ''
    >>> check_claim("rnn", source, claim, {"rmse": 35.0, "baseline": 32.9})
    "rnn: claim 'the baseline by more' does not hold: rmse < baseline is false for baseline=32.9, rmse=35.0"
    """
    if not (
        isinstance(claim, dict)
        and set(claim) == {"says", "check"}
        and all(isinstance(value, str) and value.strip() for value in claim.values())
    ):
        return f"{chapter}: a claim needs exactly a `says` and a `check` string, got {claim!r}"
    says, check = claim["says"], claim["check"]
    if fold(says) not in fold(source):
        return f"{chapter}: claim {says!r} is not in the chapter's text; copy the phrase from it"
    holds, error = evaluate(check, values)
    if error:
        return f"{chapter}: claim {says!r}: check {check!r} {error}"
    if not holds:
        used = ", ".join(f"{name}={values[name]!r}" for name in names_in(check) if name in values)
        return f"{chapter}: claim {says!r} does not hold: {check} is false for {used}"
    return ""


def names_in(expression: str) -> list[str]:
    """Return the names an expression uses, sorted.

    Examples
    --------
    >>> names_in("a < 0.1 * b and max(a, c) > 0")
    ['a', 'b', 'c', 'max']
    """
    tree = ast.parse(expression, mode="eval")
    return sorted({node.id for node in ast.walk(tree) if isinstance(node, ast.Name)})


def evaluate(expression: str, values: Mapping[str, object]) -> tuple[object, str]:
    """Return the value of ``expression`` over ``values``, and what went wrong if anything did.

    Only the builtins in ``ALLOWED`` are available.

    Examples
    --------
    >>> evaluate("max(a, b) < 3", {"a": 1, "b": 2})
    (True, '')
    >>> evaluate("a < c", {"a": 1, "b": 2})
    (None, "names 'c', which is neither a glued value of the chapter (a, b) nor one of abs, all, any, len, max, min, round, sorted, sum, zip")
    """
    try:
        code = compile(expression, "<claim>", "eval")
    except SyntaxError as error:
        return None, f"is not a Python expression: {error.msg}"
    try:
        # The project's own bands.toml, given a few builtins only.
        return eval(code, {"__builtins__": _BUILTINS}, dict(values)), ""
    except NameError as error:
        glued = ", ".join(sorted(values)) or "nothing"
        allowed = ", ".join(ALLOWED)
        return None, (
            f"names {error.name!r}, which is neither a glued value of the chapter ({glued}) "
            f"nor one of {allowed}"
        )
    except Exception as error:  # noqa: BLE001  # any failure of the check is reported
        return None, f"failed: {type(error).__name__}: {error}"
